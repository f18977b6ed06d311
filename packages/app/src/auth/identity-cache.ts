import type { EventBus } from '@keel/core/events';
import type { findActiveApiKey } from '@keel/db/queries/api-keys';
import type { Role } from '@keel/db/schema/platform';

/**
 * What every authenticated request looked up in the database before its own work: the API key
 * behind a bearer token and the caller's role on the project it names. Both change rarely and
 * are read on every call, so a process keeps them for a few seconds (the bench measured the two
 * round trips as most of the API's own cost over a bare route).
 *
 * Safety: only answers that grant access are kept, so a new key, project or membership works at
 * once; revoking a key or signing out publishes `access.revoked`, which drops the key's and the
 * user's entries in every process (the revoking process drops them before it answers, not when
 * the bus echoes it). Whatever changes without that event — a membership edited in the database,
 * a user disabled by the CLI, or every change while Redis is away — is seen within the TTL.
 * Expiry is re-checked against the request's clock on every hit.
 */
export type ActiveApiKey = NonNullable<Awaited<ReturnType<typeof findActiveApiKey>>>;

export type IdentityCache = {
  apiKey(keyHash: string, load: () => Promise<ActiveApiKey | null>): Promise<ActiveApiKey | null>;
  projectRole(
    key: { accountScopeId: string; projectId: string; userId: string; workspaceRole: Role },
    load: () => Promise<Role | null>,
  ): Promise<Role | null>;
  /** Drops what a revoked key, a closed session or a changed user may no longer use. */
  revoked(what: { userId: string; apiKeyId: string | null }): void;
  clear(): void;
  readonly size: number;
};

export const IDENTITY_CACHE_TTL_MS = 5_000;
/** Bounded so a flood of distinct (valid) keys cannot grow a process without limit. */
const MAX_ENTRIES = 10_000;

type Entry<V> = { at: number; value: Promise<V>; userId: string; apiKeyId: string | null };

export function createIdentityCache(options: { ttlMs: number; now: () => number }): IdentityCache {
  const keys = new Map<string, Entry<ActiveApiKey | null>>();
  const roles = new Map<string, Entry<Role | null>>();

  function fresh<V>(map: Map<string, Entry<V>>, id: string): Entry<V> | undefined {
    const hit = map.get(id);
    if (!hit) return undefined;
    if (options.now() - hit.at < options.ttlMs) return hit;
    map.delete(id);
    return undefined;
  }

  function remember<V>(map: Map<string, Entry<V>>, id: string, entry: Entry<V>): void {
    if (map.size >= MAX_ENTRIES) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(id, entry);
    // A refusal or a failure is not kept: the next request asks the database again.
    entry.value.then(
      (v) => {
        if (v === null && map.get(id) === entry) map.delete(id);
      },
      () => {
        if (map.get(id) === entry) map.delete(id);
      },
    );
  }

  return {
    async apiKey(keyHash, load) {
      const hit = fresh(keys, keyHash);
      if (hit) return hit.value;
      const value = load();
      // Owner unknown until the row arrives: a revocation meanwhile drops it (see `revoked`).
      const entry: Entry<ActiveApiKey | null> = { at: options.now(), value, userId: '', apiKeyId: null };
      remember(keys, keyHash, entry);
      const found = await value;
      if (found) {
        entry.userId = found.user.id;
        entry.apiKeyId = found.key.id;
      }
      return found;
    },
    async projectRole(k, load) {
      const id = `${k.accountScopeId}:${k.userId}:${k.workspaceRole}:${k.projectId}`;
      const hit = fresh(roles, id);
      if (hit) return hit.value;
      const entry: Entry<Role | null> = {
        at: options.now(),
        value: load(),
        userId: k.userId,
        apiKeyId: null,
      };
      remember(roles, id, entry);
      return entry.value;
    },
    revoked({ userId, apiKeyId }) {
      for (const [id, e] of keys)
        if (e.userId === userId || e.userId === '' || (apiKeyId !== null && e.apiKeyId === apiKeyId))
          keys.delete(id);
      for (const [id, e] of roles) if (e.userId === userId) roles.delete(id);
    },
    clear() {
      keys.clear();
      roles.clear();
    },
    get size() {
      return keys.size + roles.size;
    },
  };
}

/** Keeps the cache in step with revocations announced by any process; returns the unsubscribe. */
export function invalidateIdentityOnEvents(
  bus: EventBus,
  cache: IdentityCache,
): Promise<() => Promise<void>> {
  return bus.subscribe((event) => {
    if (event.type === 'access.revoked') cache.revoked(event.data);
  });
}
