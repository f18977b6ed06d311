import { createHash } from 'node:crypto';
import { STREAM_RESET } from '@keel/core/event-names';
import type { StreamReset } from '@keel/core/event-types';
import type { EventBus, KeelEvent } from '@keel/core/events';
import type { Logger } from '@keel/core/logger';
import { onBusReconnect } from '@keel/core/resilient-bus';

export type SseOptions = {
  /** Comment lines that keep proxies from closing an idle stream and reveal dead sockets. */
  heartbeatMs: number;
  /** Events kept for Last-Event-ID resume (all workspaces together). */
  replaySize: number;
  /** A client whose unsent output exceeds this is dropped, not buffered without bound. */
  maxBufferedBytes: number;
  /** The reconnection delay EventSource is told to use. */
  retryMs: number;
  /**
   * How often every open stream re-checks that its session or key is still live and the user may
   * still see its projects (expiry, removal from a project). Sign-out and key revocation do not
   * wait for it: they close streams at once through the `access.revoked` bus event.
   */
  revalidateMs: number;
};

export const DEFAULT_SSE_OPTIONS: SseOptions = {
  heartbeatMs: 15_000,
  replaySize: 2000,
  maxBufferedBytes: 1 << 20,
  retryMs: 3000,
  revalidateMs: 30_000,
};

/**
 * Who a stream is for: one project's stream (`[projectId]`), or a stream without a project
 * (the portfolio home) that carries the events of every project the user may see — `all` for
 * the workspace-wide roles. Workspace-wide events (`projectId: null`) reach every stream.
 */
export type SseClientScope = {
  accountScopeId: string;
  projects: 'all' | readonly string[];
  userId: string;
  /** The credential the stream was opened with: closing it (sign-out, revoked key) closes the stream. */
  sessionIdHash: string | null;
  apiKeyId: string | null;
};

/** The client's socket (a raw stream: frames are written once as bytes, without HTTP chunking). */
export type SseStream = {
  write(chunk: Buffer | string): boolean;
  end(): void;
  destroy(): void;
  readonly writableLength: number;
  on(event: 'close', listener: () => void): unknown;
};

/** One open stream. A class, so the fan-out loop sees one object shape (sockets do not). */
class Client {
  readonly accountScopeId: string;
  readonly projects: 'all' | readonly string[];
  readonly userId: string;
  constructor(
    readonly scope: SseClientScope,
    readonly res: SseStream,
  ) {
    this.accountScopeId = scope.accountScopeId;
    this.projects = scope.projects;
    this.userId = scope.userId;
  }
}

/** Whether a revoked session or key is the one a stream was opened with. */
export function revokes(
  revoked: { sessionIdHash: string | null; apiKeyId: string | null },
  scope: SseClientScope,
) {
  return (
    (revoked.sessionIdHash !== null && revoked.sessionIdHash === scope.sessionIdHash) ||
    (revoked.apiKeyId !== null && revoked.apiKeyId === scope.apiKeyId)
  );
}

const NONE: readonly Client[] = [];

/**
 * The streams of one workspace: all of them (workspace events), per project (project events)
 * and those that see every project (owners' and executives' streams without a project).
 */
class Audience {
  readonly all: Client[] = [];
  readonly everyProject: Client[] = [];
  readonly byProject = new Map<string, Client[]>();
  add(client: Client): void {
    this.all.push(client);
    if (client.projects === 'all') {
      this.everyProject.push(client);
      return;
    }
    for (const projectId of client.projects) {
      const list = this.byProject.get(projectId);
      if (list) list.push(client);
      else this.byProject.set(projectId, [client]);
    }
  }
  /** Unordered removal: swap with the last element (the order of writes carries no meaning). */
  remove(client: Client): boolean {
    if (!removeFrom(this.all, client)) return false;
    if (client.projects === 'all') {
      removeFrom(this.everyProject, client);
      return true;
    }
    for (const projectId of client.projects) {
      const list = this.byProject.get(projectId);
      if (!list) continue;
      removeFrom(list, client);
      if (list.length === 0) this.byProject.delete(projectId);
    }
    return true;
  }
  /** The streams a project event reaches: that project's and those that see every project. */
  forProject(projectId: string): readonly Client[] {
    return this.byProject.get(projectId) ?? NONE;
  }
}

function removeFrom(list: Client[], client: Client): boolean {
  const at = list.lastIndexOf(client);
  if (at === -1) return false;
  const last = list.pop() as Client;
  if (at < list.length) list[at] = last;
  return true;
}

type Framed = { id: string; event: KeelEvent; frame: Buffer };

export type SseHub = {
  /** Streams to an already-opened response: replay first, then live events until it closes. */
  add(res: SseStream, scope: SseClientScope, lastEventId: string | undefined): void;
  size(): number;
  close(): Promise<void>;
};

/**
 * An event id every server computes identically from the event itself, so a browser that
 * reconnects to another server instance (all servers see the same Redis stream) can resume.
 */
export function eventIdOf(json: string, at: string): string {
  const time = Number.isNaN(Date.parse(at)) ? '0' : Date.parse(at).toString(36);
  return `${time}-${createHash('sha1').update(json).digest('base64url').slice(0, 16)}`;
}

/** Workspace events reach every project's stream; project events only that project's. */
export function eventMatches(event: KeelEvent, scope: SseClientScope): boolean {
  return (
    event.accountScopeId === scope.accountScopeId &&
    (event.projectId === null || scope.projects === 'all' || scope.projects.includes(event.projectId))
  );
}

/**
 * The server's SSE fan-out (seed: sse-broadcaster.js): one bus subscription per process,
 * clients indexed by workspace, each event serialised once, one heartbeat timer for all.
 */
export async function createSseHub(
  bus: EventBus,
  options: SseOptions,
  hooks: {
    onCount(delta: number): void;
    logger: Logger;
    /** Re-checks a stream's credential and access (see `revalidateMs`); absent, streams are not re-checked. */
    stillAllowed?: (scope: SseClientScope) => Promise<boolean>;
  },
): Promise<SseHub> {
  const byWorkspace = new Map<string, Audience>();
  const replay: Framed[] = [];
  let count = 0;

  const remove = (client: Client) => {
    const audience = byWorkspace.get(client.accountScopeId);
    if (!audience?.remove(client)) return;
    if (audience.all.length === 0) byWorkspace.delete(client.accountScopeId);
    count -= 1;
    hooks.onCount(-1);
  };

  const dropSlow = (client: Client) => {
    hooks.logger.warn(
      { userId: client.userId, buffered: client.res.writableLength },
      'sse: dropping slow client',
    );
    remove(client);
    client.res.destroy();
  };

  /** Writes to each stream; slow ones are collected and dropped after the loop (it walks a live array). */
  const writeAll = (clients: readonly Client[], chunk: Buffer) => {
    const slow: Client[] = [];
    for (let i = 0; i < clients.length; i += 1) {
      const client = clients[i] as Client;
      if (client.res.writableLength > options.maxBufferedBytes) slow.push(client);
      else client.res.write(chunk);
    }
    for (const client of slow) dropSlow(client);
  };

  /** Ends a stream whose access is gone; EventSource reconnects and is refused (401/403). */
  const endStream = (client: Client, reason: string) => {
    hooks.logger.info({ userId: client.userId, reason }, 'sse: closing stream');
    remove(client);
    client.res.end();
  };

  const onEvent = (event: KeelEvent) => {
    if (event.type === 'access.revoked') {
      // Internal: acted on here, never forwarded or replayed (it names sessions and keys).
      const audience = byWorkspace.get(event.accountScopeId);
      for (const client of [...(audience?.all ?? NONE)])
        if (revokes(event.data, client.scope)) endStream(client, 'access revoked');
      return;
    }
    const json = JSON.stringify(event);
    const id = eventIdOf(json, event.at);
    // Encoded once, then the same bytes go to every client of the workspace.
    const framed = { id, event, frame: Buffer.from(`id: ${id}\nevent: ${event.type}\ndata: ${json}\n\n`) };
    replay.push(framed);
    if (replay.length > options.replaySize) replay.splice(0, replay.length - options.replaySize);
    const audience = byWorkspace.get(event.accountScopeId);
    if (!audience) return;
    if (event.projectId === null) writeAll(audience.all, framed.frame);
    else {
      writeAll(audience.forProject(event.projectId), framed.frame);
      writeAll(audience.everyProject, framed.frame);
    }
  };

  const unsubscribe = await bus.subscribe(onEvent);
  const ping = Buffer.from(': ping\n\n');
  const heartbeat = setInterval(() => {
    for (const audience of [...byWorkspace.values()]) writeAll(audience.all, ping);
  }, options.heartbeatMs);
  heartbeat.unref();
  // One pass at a time over every stream, one check each; a pass never overlaps the next.
  let revalidating = false;
  const revalidate = setInterval(async () => {
    if (!hooks.stillAllowed || revalidating) return;
    revalidating = true;
    try {
      for (const audience of [...byWorkspace.values()]) {
        for (const client of [...audience.all]) {
          const allowed = await hooks.stillAllowed(client.scope).catch((error: unknown) => {
            // A database hiccup must not cut every stream: keep it and look again next pass.
            hooks.logger.warn({ err: error }, 'sse: could not re-check a stream');
            return true;
          });
          if (!allowed) endStream(client, 'session or access ended');
        }
      }
    } finally {
      revalidating = false;
    }
  }, options.revalidateMs);
  revalidate.unref();
  // Redis came back: events published meanwhile by other processes never arrived, so refetch.
  const resync = Buffer.from('event: resync\ndata: {}\n\n');
  const stopResync = onBusReconnect(bus, () => {
    for (const audience of [...byWorkspace.values()]) writeAll(audience.all, resync);
  });

  return {
    add(res, scope, lastEventId) {
      const client = new Client(scope, res);
      res.write(`retry: ${options.retryMs}\n: connected\n\n`);
      if (lastEventId) {
        const at = replay.findIndex((f) => f.id === lastEventId);
        if (at === -1) {
          // Too old or unknown: the browser must refetch instead of trusting its caches.
          const reset: StreamReset = { reason: 'replay_unavailable', lastEventId };
          res.write(`event: ${STREAM_RESET}\ndata: ${JSON.stringify(reset)}\n\n`);
        } else {
          for (const f of replay.slice(at + 1)) if (eventMatches(f.event, scope)) res.write(f.frame);
        }
      }
      let audience = byWorkspace.get(scope.accountScopeId);
      if (!audience) {
        audience = new Audience();
        byWorkspace.set(scope.accountScopeId, audience);
      }
      audience.add(client);
      count += 1;
      hooks.onCount(1);
      res.on('close', () => remove(client));
    },
    size: () => count,
    async close() {
      clearInterval(heartbeat);
      clearInterval(revalidate);
      stopResync();
      await unsubscribe();
      for (const audience of [...byWorkspace.values()]) {
        for (const client of [...audience.all]) {
          remove(client);
          client.res.end();
        }
      }
    },
  };
}
