import { QueryClient, defaultShouldDehydrateQuery } from '@tanstack/react-query';
import { httpStatusOf } from '@/lib/errors';

/** One factory for the browser and for server prefetching, so both agree on freshness. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live events invalidate what changed; polling is not needed to stay current.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => {
          const status = httpStatusOf(error);
          if (status !== undefined && status < 500) return false;
          return failures < 2;
        },
      },
      dehydrate: {
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
    },
  });
}
