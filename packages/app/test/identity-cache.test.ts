import { describe, expect, it } from 'vitest';
import { type ActiveApiKey, createIdentityCache } from '../src/auth/identity-cache.ts';

/** The per-process cache of API keys and project roles: what it keeps, for how long, and what drops it. */
function keyRow(id: string, userId: string): ActiveApiKey {
  return {
    key: { id, lastUsedAt: null, expiresAt: null } as ActiveApiKey['key'],
    user: { id: userId, email: `${userId}@x`, name: userId, disabledAt: null },
    role: 'owner',
  };
}

function setup(ttlMs = 5_000) {
  let now = 0;
  const cache = createIdentityCache({ ttlMs, now: () => now });
  let loads = 0;
  const loader =
    <T>(value: T | (() => T)) =>
    async () => {
      loads += 1;
      return typeof value === 'function' ? (value as () => T)() : value;
    };
  return {
    cache,
    loader,
    loads: () => loads,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const role = { accountScopeId: 'ws', projectId: 'p1', userId: 'u1', workspaceRole: 'pm' as const };

describe('identity cache', () => {
  it('when a key is asked twice within the TTL, then the database is read once', async () => {
    const s = setup();
    const row = keyRow('k1', 'u1');
    expect(await s.cache.apiKey('h1', s.loader(row))).toBe(row);
    s.advance(4_999);
    expect(await s.cache.apiKey('h1', s.loader(row))).toBe(row);
    expect(s.loads()).toBe(1);
  });

  it('when the TTL has passed, then the key is read again', async () => {
    const s = setup();
    await s.cache.apiKey('h1', s.loader(keyRow('k1', 'u1')));
    s.advance(5_000);
    await s.cache.apiKey('h1', s.loader(keyRow('k1', 'u1')));
    expect(s.loads()).toBe(2);
  });

  it('when a key is unknown, then the refusal is not kept (a key created next works at once)', async () => {
    const s = setup();
    expect(await s.cache.apiKey('h1', s.loader<ActiveApiKey | null>(null))).toBeNull();
    const row = keyRow('k1', 'u1');
    expect(await s.cache.apiKey('h1', s.loader(row))).toBe(row);
    expect(s.loads()).toBe(2);
  });

  it('when a load fails, then the failure is not kept', async () => {
    const s = setup();
    await expect(
      s.cache.apiKey(
        'h1',
        s.loader<ActiveApiKey>(() => {
          throw new Error('db down');
        }),
      ),
    ).rejects.toThrow('db down');
    const row = keyRow('k1', 'u1');
    expect(await s.cache.apiKey('h1', s.loader(row))).toBe(row);
  });

  it('when a key is revoked, then that key and its user’s project roles are dropped, and others stay', async () => {
    const s = setup();
    await s.cache.apiKey('h1', s.loader(keyRow('k1', 'u1')));
    await s.cache.apiKey('h2', s.loader(keyRow('k2', 'u2')));
    await s.cache.projectRole(role, s.loader<'pm' | null>('pm'));
    await s.cache.projectRole({ ...role, userId: 'u2' }, s.loader<'pm' | null>('pm'));
    s.cache.revoked({ userId: 'u9', apiKeyId: 'k1' });
    await s.cache.apiKey('h1', s.loader(keyRow('k1', 'u1')));
    await s.cache.apiKey('h2', s.loader(keyRow('k2', 'u2')));
    expect(s.loads()).toBe(4 + 1);
    s.cache.revoked({ userId: 'u1', apiKeyId: null });
    await s.cache.projectRole(role, s.loader<'pm' | null>('pm'));
    await s.cache.projectRole({ ...role, userId: 'u2' }, s.loader<'pm' | null>('pm'));
    expect(s.loads()).toBe(5 + 1);
  });

  it('when a revocation arrives while a key is being read, then what that read returns is not kept', async () => {
    const s = setup();
    let release: (v: ActiveApiKey) => void = () => undefined;
    const pending = s.cache.apiKey('h1', () => new Promise<ActiveApiKey>((r) => (release = r)));
    s.cache.revoked({ userId: 'someone else', apiKeyId: null });
    release(keyRow('k1', 'u1'));
    await pending;
    await s.cache.apiKey('h1', s.loader(keyRow('k1', 'u1')));
    expect(s.loads()).toBe(1);
  });

  it('when no access is found for a project, then it is not kept (access granted next works at once)', async () => {
    const s = setup();
    expect(await s.cache.projectRole(role, s.loader<'pm' | null>(null))).toBeNull();
    expect(await s.cache.projectRole(role, s.loader<'pm' | null>('pm'))).toBe('pm');
    expect(await s.cache.projectRole(role, s.loader<'pm' | null>('viewer' as 'pm'))).toBe('pm');
    expect(s.loads()).toBe(2);
  });

  it('when the workspace role differs, then the project role is a different entry', async () => {
    const s = setup();
    await s.cache.projectRole(role, s.loader<'pm' | null>('pm'));
    expect(
      await s.cache.projectRole(
        { ...role, workspaceRole: 'owner' as 'pm' },
        s.loader<'pm' | null>('owner' as 'pm'),
      ),
    ).toBe('owner');
  });
});
