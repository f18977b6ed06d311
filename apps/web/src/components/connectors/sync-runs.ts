import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import type { SyncRun } from './run-model';

/**
 * A sync run as the connectors screen follows it: `POST /connectors/sync` (or one connector's)
 * answers at once with a run id; the run's query is refreshed by `connector.sync.progress` and
 * `connector.sync.finished` over SSE (lib/event-invalidation.ts), with a slow poll as a safety
 * net while it runs (a tab whose stream is down still sees the end).
 */
export function useSyncRun(runId: string | null): { run: SyncRun | undefined; loading: boolean } {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.connectors.syncRun.queryOptions({ runId: runId ?? '' }),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 15_000 : false),
  });
  return runId ? { run: query.data, loading: query.isPending } : { run: undefined, loading: false };
}
