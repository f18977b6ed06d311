import { DAY_MS } from '@keel/core/clock';
import { randomToken, sha256Hex } from '@keel/core/ids';
import type { Database } from '@keel/db/client';
import { deleteSession, findLiveSession, insertSession, touchSession } from '@keel/db/queries/sessions';

/** 32 random bytes (256 bits) per session id; only its sha256 is stored. */
export const SESSION_ID_BYTES = 32;

export type NewSession = { token: string; idHash: string; csrfToken: string; expiresAt: Date };

export async function createSession(
  db: Database,
  params: {
    userId: string;
    accountScopeId: string;
    activeProjectId: string | null;
    ttlDays: number;
    now: Date;
    ip: string;
    userAgent: string | null;
  },
): Promise<NewSession> {
  const token = randomToken(SESSION_ID_BYTES);
  const idHash = sha256Hex(token);
  const csrfToken = randomToken(32);
  const expiresAt = new Date(params.now.getTime() + params.ttlDays * DAY_MS);
  await insertSession(db, {
    idHash,
    userId: params.userId,
    accountScopeId: params.accountScopeId,
    activeProjectId: params.activeProjectId,
    csrfToken,
    ip: params.ip,
    userAgent: params.userAgent?.slice(0, 400) ?? null,
    createdAt: params.now,
    lastSeenAt: params.now,
    expiresAt,
  });
  return { token, idHash, csrfToken, expiresAt };
}

/** Looks a cookie value up; touches last_seen_at at most once a minute to spare writes. */
export async function resolveSession(db: Database, token: string, now: Date) {
  const idHash = sha256Hex(token);
  const found = await findLiveSession(db, idHash, now);
  if (!found) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) await touchSession(db, idHash, now);
  return { ...found, idHash };
}

export async function destroySession(db: Database, idHash: string): Promise<void> {
  await deleteSession(db, idHash);
}
