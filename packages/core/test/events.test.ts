import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEL_EVENT_TYPES } from '../src/event-names.ts';
import { keelEventSchema } from '../src/event-types.ts';
import {
  createMemoryEventBus,
  createRedisEventBus,
  type EventBus,
  type KeelEvent,
  makeEvent,
  parseBusMessage,
} from '../src/events.ts';
import { readRawEnv } from '../src/env.ts';

const scope = { accountScopeId: 'w', projectId: 'p' };
const finished = {
  runId: 'r1',
  jobType: 'embeddings_run',
  trigger: 'schedule',
  status: 'succeeded' as const,
  durationMs: 12,
  summary: { n: 1 },
  reason: null,
  nextRunAt: '2026-12-04T12:00:00.000Z',
};
const progress = { connector: 'chatwoot', resource: 'messages', fetched: 40, written: 40, page: 2 };

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
    await bus.publish(makeEvent('job.finished', scope, finished));
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['job.finished']);
    await off();
    await bus.publish(makeEvent('job.finished', scope, { ...finished, runId: 'r2' }));
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
      await a.publish(makeEvent('sync.progress', { accountScopeId: 'w', projectId: null }, progress));
      const e = await received;
      expect(e).toMatchObject({
        type: 'sync.progress',
        accountScopeId: 'w',
        projectId: null,
        data: { page: 2 },
      });
    },
  );

  it.runIf(redisUrl)(
    'when Redis carries a malformed or undeclared message, then subscribers never see it, it is logged, and the next event arrives',
    async () => {
      const channel = `keel:test:${Math.random().toString(36).slice(2)}`;
      const warnings: unknown[] = [];
      const bus = createRedisEventBus(redisUrl ?? '', channel, {
        logger: { warn: (o: unknown) => warnings.push(o) },
      });
      buses.push(bus);
      const seen: KeelEvent[] = [];
      await bus.subscribe((e) => seen.push(e));
      const raw = new Redis(redisUrl ?? '');
      try {
        await raw.publish(channel, 'not json');
        await raw.publish(
          channel,
          JSON.stringify({ ...makeEvent('job.finished', scope, finished), type: 'sync.started' }),
        );
        await raw.publish(
          channel,
          JSON.stringify({ ...makeEvent('job.finished', scope, finished), data: { runId: 'r' } }),
        );
        const good = makeEvent('sync.progress', scope, progress);
        await raw.publish(channel, JSON.stringify(good));
        await expect.poll(() => seen.length).toBe(1);
        expect(seen[0]).toEqual(good);
        expect(warnings).toHaveLength(3);
      } finally {
        raw.disconnect();
      }
    },
  );
});

describe('the event contract', () => {
  it('when the union is read, then every declared event type has exactly one schema', () => {
    const inUnion = keelEventSchema.options.map((o) => o.shape.type.value);
    expect([...inUnion].sort()).toEqual([...KEEL_EVENT_TYPES].sort());
  });

  it.each([
    ['a declared event', JSON.stringify(makeEvent('job.finished', scope, finished)), true],
    [
      'an event with an extra data field (a newer producer)',
      JSON.stringify(makeEvent('sync.progress', scope, { ...progress, extra: 1 } as typeof progress)),
      true,
    ],
    ['not JSON', '{', false],
    [
      'an undeclared type',
      JSON.stringify({ ...makeEvent('job.finished', scope, finished), type: 'connector.state' }),
      false,
    ],
    [
      'a payload missing fields',
      JSON.stringify({ ...makeEvent('job.finished', scope, finished), data: { runId: 'r' } }),
      false,
    ],
    [
      'no workspace',
      JSON.stringify({ ...makeEvent('job.finished', scope, finished), accountScopeId: undefined }),
      false,
    ],
  ])('when the bus receives %s, then it is accepted: %s', (_what, message, ok) => {
    const parsed = parseBusMessage(message);
    expect('event' in parsed).toBe(ok);
    if ('event' in parsed) expect(parsed.event).toEqual(JSON.parse(message));
  });
});
