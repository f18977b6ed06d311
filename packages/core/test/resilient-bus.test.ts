import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeelEvent, makeEvent } from '../src/events.ts';
import { createResilientEventBus, eventsModeOf, type ResilientEventBus } from '../src/resilient-bus.ts';
import { freePort, startTestRedis, type TestRedis } from '../src/test-redis.ts';

/**
 * A real redis-server of this test's own (never the machine's), stopped and started while two
 * buses — two processes' worth — publish and subscribe.
 */
let redis: TestRedis;
const buses: ResilientEventBus[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  await redis?.close();
});

let n = 0;
const progress = (runId: string) =>
  makeEvent(
    'job.progress',
    { accountScopeId: 'w', projectId: 'p' },
    { runId, jobType: 'loops_sync', trigger: 'schedule', progress: 0.5, message: null },
  );

function collector(bus: ResilientEventBus) {
  const seen: string[] = [];
  void bus.subscribe((e: KeelEvent) => seen.push(String((e.data as { runId?: unknown }).runId)));
  return seen;
}

async function bus(url: string, channel: string): Promise<ResilientEventBus> {
  const b = await createResilientEventBus({ url, channel, startTimeoutMs: 3000 });
  buses.push(b);
  return b;
}

describe('resilient event bus', () => {
  it('when Redis is stopped and started again, then publish never throws, events stay in-process meanwhile and a reconnect notification arrives', async () => {
    const channel = `keel:test:${Math.random().toString(36).slice(2)}`;
    const a = await bus(redis.url, channel);
    const b = await bus(redis.url, channel);
    expect(eventsModeOf(a)).toBe('redis');
    const seenA = collector(a);
    const seenB = collector(b);
    let reconnects = 0;
    a.onReconnect(() => {
      reconnects += 1;
    });

    // Up: an event from a reaches b through Redis.
    await a.publish(progress('up'));
    await expect.poll(() => seenB, { timeout: 5000 }).toContain('up');

    await redis.stop();
    await expect.poll(() => eventsModeOf(a), { timeout: 5000 }).toBe('degraded (in-process)');
    // Down: publish resolves (fast, no queue) and this process's subscribers still get it.
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) await a.publish(progress(`down-${i}`));
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(() => seenA.filter((id) => id.startsWith('down-')).length).toBe(20);
    expect(seenB.filter((id) => id.startsWith('down-'))).toEqual([]);

    await redis.start();
    await expect.poll(() => reconnects, { timeout: 10_000 }).toBe(1);
    expect(eventsModeOf(a)).toBe('redis');
    await expect.poll(() => eventsModeOf(b), { timeout: 10_000 }).toBe('redis');
    // Back: cross-process delivery resumes, each event once.
    n += 1;
    await a.publish(progress(`back-${n}`));
    await expect.poll(() => seenB, { timeout: 5000 }).toContain(`back-${n}`);
    await new Promise((r) => setTimeout(r, 100));
    expect(seenA.filter((id) => id === `back-${n}`)).toHaveLength(1);
    expect(seenB.filter((id) => id === `back-${n}`)).toHaveLength(1);
  });

  it('when Redis is unreachable at creation, then the bus starts degraded and serves in-process, and reports Redis when it arrives', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const started = Date.now();
    const b = await bus(url, 'keel:test:late');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(eventsModeOf(b)).toBe('degraded (in-process)');
    const seen = collector(b);
    await expect(b.publish(progress('local'))).resolves.toBeUndefined();
    await expect.poll(() => seen).toEqual(['local']);

    let reconnects = 0;
    b.onReconnect(() => {
      reconnects += 1;
    });
    const late = await startTestRedis({ port });
    try {
      await expect.poll(() => reconnects, { timeout: 10_000 }).toBe(1);
      expect(eventsModeOf(b)).toBe('redis');
      await b.publish(progress('via-redis'));
      await expect.poll(() => seen).toEqual(['local', 'via-redis']);
    } finally {
      await b.close();
      await late.close();
    }
  });
});
