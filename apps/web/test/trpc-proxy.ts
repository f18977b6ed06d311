import type { AppRouter } from '@keel/api/root';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { EVENT_INVALIDATIONS, type ListenedEventType } from '../src/lib/event-invalidation.ts';

/** The same options proxy the screens use (no request is ever sent: only filters are built). */
const trpc = createTRPCOptionsProxy<AppRouter>({
  client: createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://127.0.0.1:1/trpc' })] }),
  queryClient: new QueryClient(),
});

/** The routers whose queries an event makes stale (a tRPC query key starts with the router path). */
export function routersOf(type: ListenedEventType): string[] {
  return EVENT_INVALIDATIONS[type](trpc).map((f) => {
    const path = f.queryKey?.[0];
    return Array.isArray(path) && typeof path[0] === 'string' ? path[0] : '';
  });
}
