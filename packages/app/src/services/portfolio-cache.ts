import type { EventBus, KeelEvent } from '@keel/core/events';
import type { ProjectFacts } from '@keel/intelligence/portfolio/overview';

/**
 * The portfolio's per-project facts, kept per workspace for a few seconds. Every overview
 * request otherwise re-reads eight source tables for every project (≈ 10 ms of PostgreSQL and as
 * much Node for 500 projects); the facts change when a sync lands or scores are refreshed, and
 * both announce themselves on the event bus, which empties the workspace's entry at once (in
 * every server process when the bus is Redis). The TTL bounds staleness from writers that do not
 * publish. Projects themselves (names, membership, archiving) are read fresh on every request;
 * only the facts are cached, and a project without cached facts shows as not scored yet.
 */
export type FactsCache = {
  get(
    accountScopeId: string,
    load: () => Promise<Map<string, ProjectFacts>>,
  ): Promise<Map<string, ProjectFacts>>;
  invalidate(accountScopeId: string): void;
  clear(): void;
};

export const PORTFOLIO_FACTS_TTL_MS = 10_000;

type Entry = { at: number; value: Promise<Map<string, ProjectFacts>>; generation: number };

export function createFactsCache(options: { ttlMs: number; now: () => number }): FactsCache {
  const entries = new Map<string, Entry>();
  let generation = 0;
  return {
    get(accountScopeId, load) {
      const now = options.now();
      const hit = entries.get(accountScopeId);
      if (hit && now - hit.at < options.ttlMs) return hit.value;
      // One load per workspace at a time: concurrent misses share it (no stampede).
      const entry: Entry = { at: now, value: load(), generation: ++generation };
      entries.set(accountScopeId, entry);
      entry.value.catch(() => {
        // A failed load is not kept; the next request tries again.
        if (entries.get(accountScopeId)?.generation === entry.generation) entries.delete(accountScopeId);
      });
      return entry.value;
    },
    invalidate(accountScopeId) {
      entries.delete(accountScopeId);
    },
    clear() {
      entries.clear();
    },
  };
}

/**
 * Event types after which a workspace's portfolio facts may be out of date. A failed sync or job
 * counts too: the pages it committed before failing are in the tables.
 */
export function changesPortfolio(event: Pick<KeelEvent, 'type'>): boolean {
  return (
    event.type === 'kag.refreshed' ||
    event.type === 'kag.forecasts.refreshed' ||
    event.type === 'sync.finished' ||
    event.type === 'sync.failed' ||
    event.type === 'job.finished' ||
    event.type === 'job.failed' ||
    event.type.startsWith('recommendations.')
  );
}

/** Empties a workspace's entry when its data changes; returns the unsubscribe function. */
export function invalidatePortfolioOnEvents(bus: EventBus, cache: FactsCache): Promise<() => Promise<void>> {
  return bus.subscribe((event) => {
    if (changesPortfolio(event)) cache.invalidate(event.accountScopeId);
  });
}
