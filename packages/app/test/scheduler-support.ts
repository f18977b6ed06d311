import { manualClock, type ManualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv, readRawEnv } from '@keel/core/env';
import { createMemoryEventBus, createRedisEventBus, type EventBus, type KeelEvent } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import type { DatabaseHandle } from '@keel/db/client';
import { type AppDeps, type AppRuntime, createAppDeps } from '../src/deps.ts';
import type { Harness } from '../../connectors/test/helpers.ts';
import { defineJob, type JobContext, type JobRegistry, type JobResult } from '../src/scheduler/types.ts';
import { z } from 'zod';

/** Test doubles for the scheduler: deps over a real test database, a controllable registry. */

export function testBus(): EventBus {
  const url = readRawEnv('KEEL_TEST_REDIS_URL');
  return url
    ? createRedisEventBus(url, `keel:test:${Math.random().toString(36).slice(2)}`)
    : createMemoryEventBus();
}

/** The app's deps over a test database, with a manual clock; built by the one composition root. */
export async function schedulerDeps(
  database: DatabaseHandle,
  options: { clock?: ManualClock; bus?: EventBus } = {},
): Promise<AppDeps & { clock: ManualClock }> {
  const clock = options.clock ?? manualClock('2026-03-02T09:00:00Z');
  // Sandbox emulators listen on loopback, which connectors may reach only when allow-listed.
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CONNECTOR_EGRESS_ALLOW: '127.0.0.1' });
  const { deps } = await createAppDeps(env, {
    database,
    bus: options.bus ?? createMemoryEventBus(),
    clock,
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('test')),
  });
  return { ...deps, clock };
}

export type Behaviour = (ctx: JobContext<{ n: number }>) => Promise<JobResult>;

/** A one-job registry whose handler is whatever the test says, so tests never touch real services. */
export function registryWith(
  behaviour: Behaviour,
  options: { type?: string; cadenceSeconds?: number; timeoutSeconds?: number; maxFailures?: number } = {},
): JobRegistry {
  return [
    defineJob({
      type: options.type ?? 'test_job',
      description: 'test job',
      service: 'test',
      cadenceSeconds: options.cadenceSeconds ?? 900,
      timeoutSeconds: options.timeoutSeconds ?? 30,
      ...(options.maxFailures ? { maxFailures: options.maxFailures } : {}),
      payload: z.object({ n: z.number().default(1) }),
      handler: async () => ({ run: behaviour }),
    }),
    defineJob({
      type: 'test_disabled',
      description: 'never runs',
      service: 'test',
      cadenceSeconds: 300,
      timeoutSeconds: 30,
      payload: z.object({}),
      disabled: 'service not built yet: test double',
    }),
  ];
}

/** Collects bus events until the returned stop() is called. */
export async function recordEvents(bus: EventBus) {
  const events: KeelEvent[] = [];
  const off = await bus.subscribe((e) => events.push(e));
  return { events, stop: off };
}

/** Lets queued bus deliveries (microtasks, Redis round trips) arrive. */
export async function settle(ms = 50): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** The app's deps over a connectors test harness (its database, bus, clock and secrets). */
export async function appDepsOverHarness(h: Harness): Promise<AppRuntime> {
  return createAppDeps(h.deps.env, {
    database: h.db,
    bus: h.bus,
    clock: h.clock,
    logger: silentLogger,
    secrets: h.deps.secrets,
  });
}
