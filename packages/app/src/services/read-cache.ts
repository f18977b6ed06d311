import type { EventBus, KeelEvent } from '@keel/core/events';

/**
 * Answers of workspace-wide reads that are expensive and change only when something is
 * announced — the control tower walks every project's snapshots, forecasts, radar and syncs
 * (≈ 16 ms of PostgreSQL per call over 500 projects). Kept per workspace and key for a few
 * seconds, in this process. Any event of the workspace other than progress ticks empties the
 * workspace's entries (in every process when the bus is Redis), so a refresh, a sync, a job
 * or an action shows at once; the TTL bounds what changes without an event (an answer past it
 * is served once more while a fresh one loads, so no caller waits for the recomputation). A TTL of 0 (the
 * test environment) turns the cache off, so route tests that write rows directly read them.
 */
export type ReadCache = {
  get<T>(accountScopeId: string, key: string, load: () => Promise<T>): Promise<T>;
  invalidate(accountScopeId: string): void;
  clear(): void;
};

export const READ_CACHE_TTL_MS = 10_000;

type Entry = { at: number; value: Promise<unknown>; refreshing?: boolean };

export function createReadCache(options: { ttlMs: number; now: () => number }): ReadCache {
  const workspaces = new Map<string, Map<string, Entry>>();
  return {
    get<T>(accountScopeId: string, key: string, load: () => Promise<T>): Promise<T> {
      if (options.ttlMs <= 0) return load();
      const now = options.now();
      let entries = workspaces.get(accountScopeId);
      const hit = entries?.get(key);
      if (hit && now - hit.at < options.ttlMs) return hit.value as Promise<T>;
      if (hit && entries) {
        // Expired by time alone (no event said it changed): answer with it once more while one
        // fresh load runs, so callers do not queue behind the recomputation every TTL.
        if (!hit.refreshing) {
          hit.refreshing = true;
          const fresh: Entry = { at: now, value: load() };
          fresh.value.then(
            () => {
              if (workspaces.get(accountScopeId)?.get(key) === hit)
                workspaces.get(accountScopeId)?.set(key, fresh);
            },
            () => {
              hit.refreshing = false;
            },
          );
        }
        return hit.value as Promise<T>;
      }
      if (!entries) {
        entries = new Map();
        workspaces.set(accountScopeId, entries);
      }
      // Concurrent misses share one load; a failed load is not kept.
      const entry: Entry = { at: now, value: load() };
      entries.set(key, entry);
      entry.value.catch(() => {
        if (workspaces.get(accountScopeId)?.get(key) === entry) workspaces.get(accountScopeId)?.delete(key);
      });
      return entry.value as Promise<T>;
    },
    invalidate(accountScopeId) {
      workspaces.delete(accountScopeId);
    },
    clear() {
      workspaces.clear();
    },
  };
}

/** Progress ticks and the servers' own revocations change no data a cached read shows. */
export function changesWorkspaceData(event: Pick<KeelEvent, 'type'>): boolean {
  return !event.type.endsWith('.progress') && event.type !== 'access.revoked';
}

/** Empties a workspace's entries on its events; returns the unsubscribe function. */
export function invalidateReadCacheOnEvents(bus: EventBus, cache: ReadCache): Promise<() => Promise<void>> {
  return bus.subscribe((event) => {
    if (changesWorkspaceData(event)) cache.invalidate(event.accountScopeId);
  });
}

/**
 * The bus as this process's services publish on it: an event that changes a workspace's data
 * first empties the workspace's entries here, synchronously, and is then published. Delivery to
 * subscribers (invalidateReadCacheOnEvents) is asynchronous, on Redis and in-process alike, so
 * without this a caller who has just acted could be answered from the entry its action made
 * stale; other processes empty theirs when the event reaches them. Everything else about the
 * bus (kind, subscribe, the resilient bus's mode) is the wrapped bus's own.
 */
export function emptyingReadCacheOnPublish<B extends EventBus>(bus: B, cache: ReadCache): B {
  const wrapped = Object.create(bus) as B;
  wrapped.publish = (event: KeelEvent) => {
    if (changesWorkspaceData(event)) cache.invalidate(event.accountScopeId);
    return bus.publish(event);
  };
  return wrapped;
}
