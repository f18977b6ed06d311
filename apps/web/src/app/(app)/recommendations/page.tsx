import type { Metadata } from 'next';
import { RECOMMENDATIONS_FIRST } from '@/components/first-data/inputs';
import { RecommendationsScreen } from '@/components/recommendations/recommendations-screen';
import { Prefetched } from '@/server/prefetch';

export const metadata: Metadata = { title: 'Recommendations' };

/** Across the caller's projects: no active project needed. The top cards arrive with the HTML. */
export default function RecommendationsPage() {
  return (
    <Prefetched
      queries={({ trpc, queryClient }) => [
        queryClient.prefetchInfiniteQuery(
          trpc.recommendations.list.infiniteQueryOptions(RECOMMENDATIONS_FIRST, {
            getNextPageParam: (last) => last.nextCursor ?? undefined,
          }),
        ),
      ]}
    >
      <RecommendationsScreen />
    </Prefetched>
  );
}
