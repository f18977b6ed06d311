import type { Tone } from '@/components/ui/badge';
import type { LiveProgress } from '@/lib/live-events';
import type { RouterOutputs } from '@/lib/trpc';

/** One connector's row of `GET /connectors/state`, as the API declares it. */
export type ConnectorState = RouterOutputs['connectors']['state']['connectors'][number];
/** One row of `GET /connectors/errors`. */
export type ConnectorErrorRow = RouterOutputs['connectors']['errors']['errors'][number];
export type ConnectorName = ConnectorState['connector'];
export const SYNCABLE = ['chatwoot', 'linear', 'attio'] as const;
export type SyncableName = (typeof SYNCABLE)[number];

export const META: Record<ConnectorName, { name: string; what: string; initial: string; tile: string }> = {
  chatwoot: { name: 'Chatwoot', what: 'Client conversations and contacts', initial: 'C', tile: 'bg-sky-600' },
  linear: {
    name: 'Linear',
    what: 'Issues, cycles and delivery progress',
    initial: 'L',
    tile: 'bg-indigo-600',
  },
  attio: { name: 'Attio', what: 'Companies, deals and contract value', initial: 'A', tile: 'bg-emerald-600' },
  loops: { name: 'Loops', what: 'E-mail audiences (sent from Keel)', initial: 'L', tile: 'bg-amber-500' },
};

export function isSyncable(name: ConnectorName): name is SyncableName {
  return (SYNCABLE as readonly string[]).includes(name);
}

/** Rows written per resource in the last run, largest first, from `resource.measure` counters. */
export function countsOf(raw: Record<string, number>): { resource: string; count: number }[] {
  const byResource = new Map<string, number>();
  for (const [key, value] of Object.entries(raw)) {
    const [resource, measure] = key.includes('.') ? key.split('.') : [key, 'written'];
    if (!resource || (measure !== 'written' && measure !== 'fetched')) continue;
    // Prefer "written" (rows Keel holds) over "fetched" when both are present.
    if (measure === 'written' || !byResource.has(resource)) byResource.set(resource, value);
  }
  return [...byResource.entries()]
    .map(([resource, count]) => ({ resource, count }))
    .sort((a, b) => b.count - a.count);
}

/** The one badge a connector card shows: live progress wins over the stored state. */
export function connectorBadge(
  c: Pick<ConnectorState, 'configured' | 'status' | 'consecutiveFailures' | 'openErrors' | 'lastSuccessAt'>,
  live: LiveProgress | undefined,
  syncing: boolean,
): { tone: Tone; label: string } {
  if (syncing || live?.phase === 'running' || c.status === 'running')
    return { tone: 'info', label: 'Syncing' };
  if (!c.configured) return { tone: 'neutral', label: 'Not connected' };
  if (c.status === 'failed' || c.consecutiveFailures > 0) return { tone: 'danger', label: 'Failing' };
  if (c.openErrors > 0) return { tone: 'warning', label: 'Needs attention' };
  if (!c.lastSuccessAt) return { tone: 'neutral', label: 'Never synced' };
  return { tone: 'success', label: 'Healthy' };
}
