import { formatCount } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import type { SyncableName } from './model';

/** Sync runs as the connectors screen shows them (pure; the query hook is in sync-runs.ts). */
export type SyncRun = RouterOutputs['connectors']['syncRun'];
export type SyncTarget = SyncableName | 'all';

/** What a finished run says about one connector: a summary, or why it failed. */
export function runOutcome(
  run: SyncRun | undefined,
  connector: SyncableName,
): { tone: 'success' | 'danger' | 'neutral'; text: string } | null {
  if (!run || run.status === 'running') return null;
  const own = run.results.find((r) => r.connector === connector);
  if (!own) return run.error ? { tone: 'danger', text: `Sync failed: ${run.error}` } : null;
  if (own.status === 'failed')
    return { tone: 'danger', text: `Sync failed: ${own.reason ?? 'unknown error'}` };
  if (own.status === 'busy') return { tone: 'neutral', text: 'Another sync of this connector was running.' };
  if (own.status === 'skipped') return { tone: 'neutral', text: 'Nothing to sync for this project.' };
  const written = Object.values(own.resources).reduce((n, r) => n + r.written, 0);
  const parked = own.status === 'partial' ? ' Some items failed and will be retried.' : '';
  return {
    tone: 'success',
    text: `Sync finished: ${formatCount(written)} ${written === 1 ? 'row' : 'rows'} updated.${parked}`,
  };
}

/** The run a connector's card follows: its own latest, or the latest run of every connector. */
export function runIdFor(runs: Partial<Record<SyncTarget, string>>, connector: SyncableName): string | null {
  return runs[connector] ?? runs.all ?? null;
}

/** Remembers a started (or joined) run: a run of all connectors replaces the connectors' own. */
export function rememberRun(
  runs: Partial<Record<SyncTarget, string>>,
  run: Pick<SyncRun, 'runId' | 'connector'>,
  asked: SyncTarget,
): Partial<Record<SyncTarget, string>> {
  if (run.connector === 'all') {
    if (asked === 'all') return { all: run.runId };
    const { [asked]: _replaced, ...rest } = runs;
    return { ...rest, all: run.runId };
  }
  return { ...runs, [run.connector]: run.runId };
}
