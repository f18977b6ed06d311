import { Redis } from 'ioredis';
import {
  createMemoryEventBus,
  createRedisEventBus,
  EVENTS_CHANNEL,
  type EventBus,
  type EventHandler,
  type KeelEvent,
} from './events.ts';
import type { Logger } from './logger.ts';

/**
 * The event bus of server mode (REDIS_URL set), made to survive Redis outages:
 *
 * - Redis down at start: the bus is built anyway, in-process (`mode()` is
 *   `'degraded (in-process)'`), and the process starts and serves.
 * - Redis down while running: `publish` never throws and never waits on a dead connection —
 *   events reach this process's subscribers in-process and the failure is logged, so a job
 *   whose work committed never fails because an event could not be sent.
 * - Redis back: a fresh Redis bus (`createRedisEventBus` from events.ts) is subscribed, and
 *   once Redis has acknowledged the subscription every `onReconnect` handler runs, so the SSE
 *   hub can tell its clients to refetch what they missed meanwhile.
 *
 * One extra connection (`link`, offline queue off) watches Redis: ioredis reconnects it by
 * itself, and its `ready`/`close`/`reconnecting`/`end` events drive the mode. The Redis bus is
 * closed while Redis is away, so its connections neither queue publishes nor retry in a loop.
 */
export type EventsMode = 'memory' | 'redis' | 'degraded (in-process)';

export type ResilientEventBus = EventBus & {
  mode(): EventsMode;
  /** Runs `handler` each time Redis returns after an outage (or first arrives after a degraded start). */
  onReconnect(handler: () => void): () => void;
};

export type ResilientBusOptions = {
  url: string;
  channel?: string;
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** How long creation waits for Redis before starting degraded (default 2 s). */
  startTimeoutMs?: number;
  /** A publish to Redis taking longer than this is delivered in-process instead (default 1 s). */
  publishTimeoutMs?: number;
  /** The Redis bus to wrap (tests pass their own); default `createRedisEventBus`. */
  createRedisBus?: (url: string, channel: string) => EventBus;
};

type State = 'connecting' | 'redis' | 'degraded';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Redis URL without its password, for logs. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis';
  }
}

export async function createResilientEventBus(options: ResilientBusOptions): Promise<ResilientEventBus> {
  const channel = options.channel ?? EVENTS_CHANNEL;
  const logger = options.logger;
  const publishTimeoutMs = options.publishTimeoutMs ?? 1000;
  // The wrapped bus drops (and logs) messages that do not match the event contract.
  const makeRedisBus =
    options.createRedisBus ??
    ((url: string, ch: string) => createRedisEventBus(url, ch, logger ? { logger } : {}));
  const where = shownUrl(options.url);

  const handlers = new Set<EventHandler>();
  const reconnectHandlers = new Set<() => void>();
  const dispatch = (event: KeelEvent) => {
    for (const h of handlers) h(event);
  };
  // In-process delivery while Redis is away (asynchronous, as Redis delivery is).
  const local = createMemoryEventBus();
  await local.subscribe(dispatch);

  let state: State = 'connecting';
  let remote: EventBus | null = null;
  let generation = 0;
  let hadOutage = false;
  let closed = false;
  let publishFailuresLogged = 0;

  const degrade = (why: string) => {
    generation += 1;
    const old = remote;
    remote = null;
    if (old) void old.close().catch(() => undefined);
    if (state === 'degraded') return;
    const wasUp = state === 'redis';
    state = 'degraded';
    hadOutage = true;
    publishFailuresLogged = 0;
    if (!closed)
      logger?.warn(
        { redis: where, reason: why },
        wasUp
          ? 'Redis lost: events are delivered in-process only until it returns'
          : 'Redis unreachable: starting with in-process events until it returns',
      );
  };

  const link = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // ioredis retries for ever; cap the pause so a returning Redis is noticed within a second.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });

  const onReady = async () => {
    const gen = ++generation;
    const bus = makeRedisBus(options.url, channel);
    try {
      // Resolves once Redis acknowledged SUBSCRIBE: from here on no event is missed.
      await withTimeout(bus.subscribe(dispatch), 5000, 'subscribing to Redis');
    } catch (error) {
      void bus.close().catch(() => undefined);
      if (gen !== generation || closed) return;
      logger?.warn({ redis: where, err: messageOf(error) }, 'Redis subscribe failed; reconnecting');
      link.disconnect(true);
      return;
    }
    if (gen !== generation || closed) {
      void bus.close().catch(() => undefined);
      return;
    }
    remote = bus;
    state = 'redis';
    if (hadOutage) {
      hadOutage = false;
      logger?.info({ redis: where }, 'Redis is back: events go through Redis again');
      for (const h of [...reconnectHandlers]) {
        try {
          h();
        } catch (error) {
          logger?.warn({ err: messageOf(error) }, 'events: a reconnect handler failed');
        }
      }
    }
  };

  link.on('ready', () => void onReady());
  link.on('close', () => degrade('connection closed'));
  link.on('reconnecting', () => degrade('reconnecting'));
  link.on('end', () => degrade('connection ended'));
  // Without a listener ioredis prints every failed attempt; the mode change is logged once above.
  link.on('error', () => undefined);

  link.connect().catch(() => undefined);
  const startTimeoutMs = options.startTimeoutMs ?? 2000;
  const startedBy = Date.now() + startTimeoutMs;
  while (state === 'connecting' && Date.now() < startedBy) await new Promise((r) => setTimeout(r, 20));
  if (state === 'connecting') degrade(`no connection within ${startTimeoutMs} ms`);

  return {
    kind: 'redis',
    mode: () => (state === 'redis' ? 'redis' : 'degraded (in-process)'),
    async publish(event) {
      if (closed) return;
      const bus = remote;
      if (bus && state === 'redis') {
        try {
          await withTimeout(bus.publish(event), publishTimeoutMs, 'publishing to Redis');
          return;
        } catch (error) {
          // Logged, never thrown: the publisher's work is done and committed.
          if (publishFailuresLogged < 5) {
            publishFailuresLogged += 1;
            logger?.warn(
              { redis: where, type: event.type, err: messageOf(error) },
              'event not published to Redis; delivered in-process',
            );
          }
        }
      }
      await local.publish(event);
    },
    async subscribe(handler) {
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
    onReconnect(handler) {
      reconnectHandlers.add(handler);
      return () => {
        reconnectHandlers.delete(handler);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      generation += 1;
      handlers.clear();
      reconnectHandlers.clear();
      const bus = remote;
      remote = null;
      link.disconnect();
      await Promise.allSettled([bus?.close(), local.close()]);
    },
  };
}

/** What /health reports: `memory` (embedded), `redis`, or `degraded (in-process)` during an outage. */
export function eventsModeOf(bus: EventBus): EventsMode {
  if ('mode' in bus && typeof bus.mode === 'function') return (bus as ResilientEventBus).mode();
  return bus.kind;
}

/** `bus.onReconnect(handler)` for buses that can lose Redis; a no-op for the others. */
export function onBusReconnect(bus: EventBus, handler: () => void): () => void {
  if ('onReconnect' in bus && typeof bus.onReconnect === 'function')
    return (bus as ResilientEventBus).onReconnect(handler);
  return () => undefined;
}
