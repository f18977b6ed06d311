import { createMemoryEventBus } from '@keel/core/events';
import { makeEvent } from '@keel/core/events';
import { describe, expect, it } from 'vitest';
import {
  changesWorkspaceData,
  createReadCache,
  emptyingReadCacheOnPublish,
  invalidateReadCacheOnEvents,
} from '../src/services/read-cache.ts';

/** The per-process cache of expensive workspace reads: kept for its TTL, emptied by the workspace's events. */
function setup(ttlMs = 10_000) {
  let now = 0;
  let loads = 0;
  const cache = createReadCache({ ttlMs, now: () => now });
  const read = (ws = 'ws1', key = 'k') =>
    cache.get(ws, key, async () => {
      loads += 1;
      return `${ws}:${key}:${loads}`;
    });
  return { cache, read, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('read cache', () => {
  it('when read twice within the TTL, then loaded once', async () => {
    const s = setup();
    expect(await s.read()).toBe('ws1:k:1');
    s.advance(9_999);
    expect(await s.read()).toBe('ws1:k:1');
    expect(s.loads()).toBe(1);
  });

  it('when the TTL has passed, then the old answer is served once more while one fresh load runs', async () => {
    const s = setup();
    await s.read();
    s.advance(10_000);
    const [first, second] = await Promise.all([s.read(), s.read()]);
    expect([first, second]).toEqual(['ws1:k:1', 'ws1:k:1']);
    expect(s.loads()).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(await s.read()).toBe('ws1:k:2');
    expect(s.loads()).toBe(2);
  });

  it('when the background load fails, then the old answer stays and the next read tries again', async () => {
    const s = setup();
    await s.read();
    s.advance(10_000);
    let fail = true;
    const flaky = () =>
      s.cache.get('ws1', 'k', () => (fail ? Promise.reject(new Error('db down')) : Promise.resolve('fresh')));
    expect(await flaky()).toBe('ws1:k:1');
    await new Promise((r) => setTimeout(r, 0));
    fail = false;
    expect(await flaky()).toBe('ws1:k:1');
    await new Promise((r) => setTimeout(r, 0));
    expect(await flaky()).toBe('fresh');
  });

  it('when the TTL is 0, then every read loads (the cache is off)', async () => {
    const s = setup(0);
    await s.read();
    await s.read();
    expect(s.loads()).toBe(2);
  });

  it('when keys or workspaces differ, then they are separate entries', async () => {
    const s = setup();
    await s.read('ws1', 'a');
    await s.read('ws1', 'b');
    await s.read('ws2', 'a');
    expect(s.loads()).toBe(3);
  });

  it('when concurrent reads miss, then they share one load', async () => {
    const s = setup();
    const [a, b] = await Promise.all([s.read(), s.read()]);
    expect(a).toBe(b);
    expect(s.loads()).toBe(1);
  });

  it('when a load fails, then the failure is not kept', async () => {
    const s = setup();
    await expect(s.cache.get('ws1', 'k', () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await s.read()).toBe('ws1:k:1');
  });

  it("when a workspace's event arrives, then only that workspace's entries are emptied", async () => {
    const s = setup();
    const bus = createMemoryEventBus();
    const stop = await invalidateReadCacheOnEvents(bus, s.cache);
    await s.read('ws1');
    await s.read('ws2');
    await bus.publish(
      makeEvent(
        'kag.refreshed',
        { accountScopeId: 'ws1', projectId: 'p1' },
        { signals: 1 } as never,
        new Date(0),
      ),
    );
    await new Promise((r) => setTimeout(r, 10));
    await s.read('ws1');
    await s.read('ws2');
    expect(s.loads()).toBe(3);
    await stop();
    await bus.close();
  });

  it.each([
    ['kag.refreshed', true],
    ['sync.finished', true],
    ['recommendations.updated', true],
    ['action.finished', true],
    ['job.progress', false],
    ['sync.progress', false],
    ['access.revoked', false],
  ] as const)('when the event is %s, then it changes workspace data: %s', (type, expected) => {
    expect(changesWorkspaceData({ type })).toBe(expected);
  });

  it("when this process publishes a workspace's event, then its entries are emptied before publish returns, and the event still goes out", async () => {
    const s = setup();
    const shared = createMemoryEventBus();
    const bus = emptyingReadCacheOnPublish(shared, s.cache);
    const seen: string[] = [];
    const stop = await bus.subscribe((e) => seen.push(e.type));
    await s.read('ws1');
    await s.read('ws2');
    const event = (type: 'kag.refreshed' | 'job.progress') =>
      makeEvent(type, { accountScopeId: 'ws1', projectId: 'p1' }, {} as never, new Date(0));
    await bus.publish(event('job.progress'));
    await s.read('ws1');
    expect(s.loads()).toBe(2);
    // No wait for delivery: the entry is gone as soon as publish has been called.
    const published = bus.publish(event('kag.refreshed'));
    await s.read('ws1');
    await s.read('ws2');
    expect(s.loads()).toBe(3);
    await published;
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['job.progress', 'kag.refreshed']);
    expect(bus.kind).toBe('memory');
    await stop();
    await shared.close();
  });
});
