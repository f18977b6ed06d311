import { afterEach, describe, expect, it } from 'vitest';
import {
  createMemoryEventBus,
  createRedisEventBus,
  type EventBus,
  type KeelEvent,
  makeEvent,
} from '../src/events.ts';
import { readRawEnv } from '../src/env.ts';

const redisUrl = readRawEnv('KEEL_TEST_REDIS_URL');
const buses: EventBus[] = [];

function next(bus: EventBus): Promise<KeelEvent> {
  return new Promise((resolve) => {
    void bus.subscribe((e) => resolve(e));
  });
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
});

describe('event bus', () => {
  it('when an event is published in-process, then subscribers get it asynchronously and can unsubscribe', async () => {
    const bus = createMemoryEventBus();
    buses.push(bus);
    const seen: string[] = [];
    const off = await bus.subscribe((e) => seen.push(e.type));
    await bus.publish(makeEvent('job.finished', { accountScopeId: 'w', projectId: 'p' }, { n: 1 }));
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['job.finished']);
    await off();
    await bus.publish(makeEvent('job.finished', { accountScopeId: 'w', projectId: 'p' }, {}));
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
  });

  it.runIf(redisUrl)(
    'when two processes share Redis, then an event published on one reaches the other',
    async () => {
      const channel = `keel:test:${Math.random().toString(36).slice(2)}`;
      const a = createRedisEventBus(redisUrl ?? '', channel);
      const b = createRedisEventBus(redisUrl ?? '', channel);
      buses.push(a, b);
      const received = next(b);
      await new Promise((r) => setTimeout(r, 100));
      await a.publish(makeEvent('sync.progress', { accountScopeId: 'w', projectId: null }, { page: 2 }));
      const e = await received;
      expect(e).toMatchObject({
        type: 'sync.progress',
        accountScopeId: 'w',
        projectId: null,
        data: { page: 2 },
      });
    },
  );
});
