import type { Tone } from '@/components/ui/badge';
import type { LiveProgress } from '@/lib/live-events';
import { asRow, bool, num, numbers, str } from '@/lib/read';

export type ConnectorName = 'chatwoot' | 'linear' | 'attio' | 'loops';
export const SYNCABLE = ['chatwoot', 'linear', 'attio'] as const;
export type SyncableName = (typeof SYNCABLE)[number];

export type ConnectorView = {
  connector: ConnectorName;
  configured: boolean;
  status: 'idle' | 'running' | 'ok' | 'failed';
  lastFinishedAt: string | null;
  lastSuccessAt: string | null;
  durationMs: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  openErrors: number;
  /** Rows written per resource in the last run, largest first. */
  counts: { resource: string; count: number }[];
};

export type ConnectorErrorView = {
  id: string;
  connector: string;
  operation: string;
  message: string;
  status: 'pending' | 'retrying' | 'resolved' | 'dead';
  attempts: number;
  nextRetryAt: string | null;
  createdAt: string;
  httpStatus: number | null;
};

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

function countsOf(raw: Record<string, number>): ConnectorView['counts'] {
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

export function toConnectorView(value: unknown): ConnectorView | null {
  const row = asRow(value);
  if (!row) return null;
  const connector = str(row, 'connector');
  if (!connector || !(connector in META)) return null;
  const status = str(row, 'status');
  return {
    connector: connector as ConnectorName,
    configured: bool(row, 'configured'),
    status: status === 'running' || status === 'ok' || status === 'failed' ? status : 'idle',
    lastFinishedAt: str(row, 'lastFinishedAt'),
    lastSuccessAt: str(row, 'lastSuccessAt'),
    durationMs: num(row, 'durationMs'),
    lastError: str(row, 'lastError'),
    consecutiveFailures: num(row, 'consecutiveFailures') ?? 0,
    openErrors: num(row, 'openErrors') ?? 0,
    counts: countsOf(numbers(row, 'counts')),
  };
}

export function toErrorView(value: unknown): ConnectorErrorView | null {
  const row = asRow(value);
  if (!row) return null;
  const id = str(row, 'id');
  if (!id) return null;
  const status = str(row, 'status');
  return {
    id,
    connector: str(row, 'connector') ?? 'unknown',
    operation: str(row, 'operation') ?? '',
    message: str(row, 'errorMessage') ?? 'Unknown error',
    status: status === 'retrying' || status === 'resolved' || status === 'dead' ? status : 'pending',
    attempts: num(row, 'attempts') ?? 0,
    nextRetryAt: str(row, 'nextRetryAt'),
    createdAt: str(row, 'createdAt') ?? '',
    httpStatus: num(row, 'httpStatus'),
  };
}

/** The one badge a connector card shows: live progress wins over the stored state. */
export function connectorBadge(
  c: ConnectorView,
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
