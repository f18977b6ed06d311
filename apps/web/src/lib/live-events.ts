/**
 * The tab's single SSE connection to /events/stream, and a small store of what it has said:
 * connection status and the latest progress per sync or job. Components read it with
 * useSyncExternalStore; the shell turns events into query invalidations.
 */

export type LiveStatus = 'connecting' | 'live' | 'offline';

export type LiveEvent = {
  id: string | null;
  type: string;
  projectId: string | null;
  at: string;
  data: Record<string, unknown>;
};

export type LiveProgress = {
  type: string;
  phase: 'running' | 'finished' | 'failed';
  /** 0..1 when the producer knows it. */
  progress: number | null;
  detail: string | null;
  at: string;
};

type Listener = () => void;

type State = { status: LiveStatus; progress: ReadonlyMap<string, LiveProgress>; lastEventId: string | null };

let state: State = { status: 'connecting', progress: new Map(), lastEventId: null };
const listeners = new Set<Listener>();

function emit(next: Partial<State>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export function subscribeLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLiveState(): State {
  return state;
}

const SERVER_STATE: State = { status: 'connecting', progress: new Map(), lastEventId: null };
export function getServerLiveState(): State {
  return SERVER_STATE;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `sync:chatwoot`, `job:embeddings_run`, `run:<sync run id>`: the key a screen looks its row's progress up by. */
export function progressKey(event: Pick<LiveEvent, 'type' | 'data'>): string | null {
  const runId = str(event.data.runId);
  if (event.type.startsWith('connector.sync.') && runId) return `run:${runId}`;
  const connector = str(event.data.connector);
  if (event.type.startsWith('sync.') && connector) return `sync:${connector}`;
  const jobType = str(event.data.jobType) ?? str(event.data.job);
  if (event.type.startsWith('job.') && jobType) return `job:${jobType}`;
  return null;
}

/** Reads a 0..1 fraction from whichever shape the producer used (progress, done/total, percent). */
export function progressOf(data: Record<string, unknown>): number | null {
  const direct = num(data.progress);
  if (direct !== null) return direct > 1 ? direct / 100 : direct;
  const percent = num(data.percent);
  if (percent !== null) return percent / 100;
  const done = num(data.done) ?? num(data.processed) ?? num(data.completed);
  const total = num(data.total);
  if (done !== null && total) return Math.min(1, done / total);
  return null;
}

function detailOf(event: LiveEvent): string | null {
  const d = event.data;
  const explicit = str(d.message) ?? str(d.error) ?? str(d.stage);
  if (explicit) return explicit;
  const resource = str(d.resource);
  const fetched = num(d.fetched) ?? num(d.upserted) ?? num(d.done) ?? num(d.processed);
  if (resource && fetched !== null) return `${resource}: ${fetched.toLocaleString('en')}`;
  return resource;
}

function phaseOf(type: string): LiveProgress['phase'] {
  if (type.endsWith('.finished')) return 'finished';
  if (type.endsWith('.failed')) return 'failed';
  return 'running';
}

export function recordEvent(event: LiveEvent): void {
  const key = progressKey(event);
  const next: Partial<State> = {};
  if (event.id) next.lastEventId = event.id;
  if (key) {
    const phase = phaseOf(event.type);
    const progress = new Map(state.progress);
    const previous = progress.get(key);
    progress.set(key, {
      type: event.type,
      phase,
      progress: phase === 'finished' ? 1 : (progressOf(event.data) ?? previous?.progress ?? null),
      detail: detailOf(event),
      at: event.at,
    });
    next.progress = progress;
  }
  emit(next);
}

/** Forgets progress of the previous project when the tab switches projects. */
export function resetLiveProgress(): void {
  emit({ progress: new Map(), lastEventId: null });
}

export function setLiveStatus(status: LiveStatus): void {
  if (state.status !== status) emit({ status });
}

/** Parses one SSE message; tolerant of producers that put the type only in `event:`. */
export function parseLiveMessage(raw: string, eventName: string, id: string | null): LiveEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  const type = str(record.type) ?? (eventName !== 'message' ? eventName : null);
  if (!type) return null;
  const data =
    record.data && typeof record.data === 'object' ? (record.data as Record<string, unknown>) : record;
  return { id, type, projectId: str(record.projectId), at: str(record.at) ?? new Date().toISOString(), data };
}
