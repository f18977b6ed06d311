import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Events that reach browsers over SSE. Producers (jobs, syncs) publish; each server
 * instance subscribes once and fans out to its connected clients.
 */
export type KeelEvent = {
  /** job.started | job.progress | job.finished | job.failed | sync.progress | recommendations.new | … */
  type: string;
  accountScopeId: string;
  projectId: string | null;
  at: string;
  data: Record<string, unknown>;
};

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
export function createRedisEventBus(url: string, channel = EVENTS_CHANNEL): EventBus {
  const pub = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  let sub: Redis | undefined;
  const handlers = new Set<EventHandler>();

  async function ensureSubscriber(): Promise<void> {
    if (sub) return;
    sub = new Redis(url, { maxRetriesPerRequest: null });
    sub.on('message', (ch: string, message: string) => {
      if (ch !== channel) return;
      let event: KeelEvent;
      try {
        event = JSON.parse(message) as KeelEvent;
      } catch {
        return;
      }
      for (const h of handlers) h(event);
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

export function createEventBus(redisUrl: string | undefined): EventBus {
  return redisUrl ? createRedisEventBus(redisUrl) : createMemoryEventBus();
}

export function makeEvent(
  type: string,
  scope: { accountScopeId: string; projectId: string | null },
  data: Record<string, unknown>,
  now: Date = new Date(),
): KeelEvent {
  return {
    type,
    accountScopeId: scope.accountScopeId,
    projectId: scope.projectId,
    at: now.toISOString(),
    data,
  };
}
