import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { KeelEventType } from './event-names.ts';
import { type KeelEvent, type KeelEventData, type KeelEventOf, keelEventSchema } from './event-types.ts';
import type { Logger } from './logger.ts';

/**
 * Events that reach browsers over SSE. Producers (jobs, syncs) publish; each server
 * instance subscribes once and fans out to its connected clients. What each event carries is
 * declared once in `event-types.ts`.
 */
export type { KeelEvent };

export type EventHandler = (event: KeelEvent) => void;

export type EventBus = {
  readonly kind: 'memory' | 'redis';
  publish(event: KeelEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(handler: EventHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export const EVENTS_CHANNEL = 'keel:events';

export function createMemoryEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'memory',
    async publish(event) {
      // Deliver asynchronously, as Redis would: publishers never run subscriber code inline.
      setImmediate(() => emitter.emit('event', event));
    },
    async subscribe(handler) {
      emitter.on('event', handler);
      return async () => {
        emitter.off('event', handler);
      };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Redis Pub/Sub: one publisher connection and one subscriber connection per process. */
/**
 * A message from Redis as an event, or null when it is not one we declared (another version's
 * event, a stray publisher, garbage). Declared fields are checked; unknown extra fields are
 * kept, so a newer producer that adds one during a rolling deploy is not dropped.
 */
export function parseBusMessage(message: string): { event: KeelEvent } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return { error: 'not JSON' };
  }
  const parsed = keelEventSchema.safeParse(body);
  if (!parsed.success)
    return { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { event: body as KeelEvent };
}

export function createRedisEventBus(
  url: string,
  channel = EVENTS_CHANNEL,
  options: { logger?: Pick<Logger, 'warn'> } = {},
): EventBus {
  const pub = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  let sub: Redis | undefined;
  const handlers = new Set<EventHandler>();

  async function ensureSubscriber(): Promise<void> {
    if (sub) return;
    sub = new Redis(url, { maxRetriesPerRequest: null });
    sub.on('message', (ch: string, message: string) => {
      if (ch !== channel) return;
      const parsed = parseBusMessage(message);
      if ('error' in parsed) {
        // Dropped, never forwarded: subscribers (SSE, caches) rely on the declared shape.
        options.logger?.warn(
          { channel, error: parsed.error, size: message.length },
          'malformed event dropped',
        );
        return;
      }
      for (const h of handlers) h(parsed.event);
    });
    await sub.subscribe(channel);
  }

  return {
    kind: 'redis',
    async publish(event) {
      await pub.publish(channel, JSON.stringify(event));
    },
    async subscribe(handler) {
      await ensureSubscriber();
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub?.quit()]);
    },
  };
}

export function createEventBus(redisUrl: string | undefined, logger?: Pick<Logger, 'warn'>): EventBus {
  return redisUrl
    ? createRedisEventBus(redisUrl, EVENTS_CHANNEL, logger ? { logger } : {})
    : createMemoryEventBus();
}

/** Builds one declared event; `data` must be that event's payload (see event-types.ts). */
export function makeEvent<T extends KeelEventType>(
  type: T,
  scope: { accountScopeId: string; projectId: string | null },
  data: KeelEventData<T>,
  now: Date = new Date(),
): KeelEventOf<T> {
  // The compiler cannot narrow a generic T's payload to the union member; the signature does.
  return {
    type,
    accountScopeId: scope.accountScopeId,
    projectId: scope.projectId,
    at: now.toISOString(),
    data,
  } as KeelEventOf<T>;
}
