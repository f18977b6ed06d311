import type { KeelEventType } from '@keel/core/event-names';
import { createMemoryEventBus, type KeelEvent } from '@keel/core/events';
import type { ProjectFacts } from '@keel/intelligence/portfolio/overview';
import { describe, expect, it } from 'vitest';
import {
  changesPortfolio,
  createFactsCache,
  invalidatePortfolioOnEvents,
} from '../src/services/portfolio-cache.ts';

/** The memory bus delivers on the next turn of the event loop, as Redis would. */
const delivered = () => new Promise((resolve) => setImmediate(resolve));

function setup(ttlMs = 1000) {
  let now = 0;
  let loads = 0;
  const cache = createFactsCache({ ttlMs, now: () => now });
  const load = async () => {
    loads += 1;
    return new Map<string, ProjectFacts>([['p', { health: loads }]]);
  };
  return { cache, load, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('createFactsCache', () => {
  it('when asked again within the TTL, then the first load answers; after it, a new load runs', async () => {
    const s = setup();
    expect((await s.cache.get('ws', s.load)).get('p')?.health).toBe(1);
    s.advance(999);
    expect((await s.cache.get('ws', s.load)).get('p')?.health).toBe(1);
    s.advance(1);
    expect((await s.cache.get('ws', s.load)).get('p')?.health).toBe(2);
    expect(s.loads()).toBe(2);
  });

  it('when many requests miss at once, then one load serves them all', async () => {
    const s = setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => s.cache.get('ws', s.load)));
    expect(new Set(answers).size).toBe(1);
    expect(s.loads()).toBe(1);
  });

  it('when a workspace is invalidated, then only its entry is loaded again', async () => {
    const s = setup();
    await s.cache.get('a', s.load);
    await s.cache.get('b', s.load);
    s.cache.invalidate('a');
    await s.cache.get('a', s.load);
    await s.cache.get('b', s.load);
    expect(s.loads()).toBe(3);
  });

  it('when a load fails, then the failure is not kept and the next request loads again', async () => {
    const s = setup();
    await expect(s.cache.get('ws', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await s.cache.get('ws', s.load)).get('p')?.health).toBe(1);
  });
});

describe('invalidatePortfolioOnEvents', () => {
  it('when a sync finishes or scores refresh in a workspace, then its entry is dropped; other events leave it', async () => {
    const s = setup(60_000);
    const bus = createMemoryEventBus();
    const stop = await invalidatePortfolioOnEvents(bus, s.cache);
    // Only the type and the workspace matter to the cache; the payload is not read.
    const event = (type: KeelEventType) =>
      ({ type, accountScopeId: 'ws', projectId: 'p', at: '', data: {} }) as unknown as KeelEvent;
    await s.cache.get('ws', s.load);
    await bus.publish(event('sync.progress'));
    await delivered();
    await s.cache.get('ws', s.load);
    expect(s.loads()).toBe(1);
    for (const type of [
      'sync.finished',
      'sync.failed',
      'kag.refreshed',
      'job.finished',
      'recommendations.new',
    ] as const) {
      await bus.publish(event(type));
      await delivered();
      await s.cache.get('ws', s.load);
    }
    expect(s.loads()).toBe(6);
    await stop();
    await bus.close();
  });

  it('when the event is job or embedding progress, then it does not count as a change', () => {
    expect(changesPortfolio({ type: 'job.progress' })).toBe(false);
    expect(changesPortfolio({ type: 'embeddings.progress' })).toBe(false);
    expect(changesPortfolio({ type: 'kag.refreshed' })).toBe(true);
  });
});
