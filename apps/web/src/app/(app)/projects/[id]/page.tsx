import type { Metadata } from 'next';
import { PROJECT_SIGNALS, PROJECT_TREND } from '@/components/first-data/inputs';
import { ProjectScreen } from '@/components/project/project-screen';
import { getServerApi } from '@/server/api';
import { Prefetched } from '@/server/prefetch';

export const metadata: Metadata = { title: 'Project' };

/**
 * The project in the URL, whichever was active before: the screen makes it the active one.
 * When it already is (the usual way in: the portfolio selects, then opens), its scores, signals,
 * trend and forecast arrive with the HTML; otherwise the screen switches and fetches them.
 */
export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { trpc, queryClient } = await getServerApi();
  // The layout asks the same in this request; ensureQueryData shares its answer (or its fetch).
  const me = await queryClient.ensureQueryData(trpc.auth.me.queryOptions()).catch(() => null);
  if (me?.activeProjectId !== id) return <ProjectScreen projectId={id} />;
  return (
    <Prefetched
      queries={({ trpc: t, queryClient: q }) => [
        q.prefetchQuery(t.kag.scores.queryOptions()),
        q.prefetchQuery(t.kag.signals.queryOptions(PROJECT_SIGNALS)),
        q.prefetchQuery(t.kag.scoreHistory.queryOptions(PROJECT_TREND)),
        q.prefetchQuery(t.kag.forecast.queryOptions({})),
      ]}
    >
      <ProjectScreen projectId={id} />
    </Prefetched>
  );
}
