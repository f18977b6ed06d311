import { ApiError } from '@keel/core/errors';
import type { Database } from '@keel/db/client';
import { writeAuditEvent } from '@keel/db/queries/audit';
import { createSession, destroySession, type NewSession } from './sessions.ts';
import { releaseLoginAttempt, reserveLoginAttempt } from '@keel/db/queries/login-throttle';
import {
  findUserByEmail,
  listUserWorkspaces,
  markUserLogin,
  recordLoginAttempt,
} from '@keel/db/queries/users';
import { dummyPasswordHash, verifyPassword } from './password.ts';

export type LoginParams = {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  now: Date;
  ttlDays: number;
  maxAttempts: number;
  windowSeconds: number;
  requestId: string;
  /** The session being replaced, if the browser already had one (rotation at login). */
  previousSessionIdHash: string | null;
};

export type LoginResult = {
  session: NewSession;
  user: { id: string; email: string; name: string };
  accountScopeId: string;
};

/** Per-IP allowance is wider than per-account: offices share an address. */
const IP_MULTIPLIER = 4;

function limitFor(key: string, maxAttempts: number): number {
  return key.startsWith('ip:') ? maxAttempts * IP_MULTIPLIER : maxAttempts;
}

/**
 * Reserves the attempt (atomically, before anything slow), verifies the password with argon2id,
 * and issues a fresh session (a new id every login, the old one deleted) — the seed's POST
 * /auth/login, shared by REST and tRPC. Counting after the argon2 check let every attempt of a
 * concurrent burst see the same count; a reservation makes the n-th concurrent attempt see n.
 * Failures keep their reservation; successes and refused attempts give it back.
 */
export async function login(db: Database, p: LoginParams): Promise<LoginResult> {
  const email = p.email.trim().toLowerCase();
  const reserved = await reserveLoginAttempt(db, [`email:${email}`, `ip:${p.ip}`], p.now, p.windowSeconds);
  const over = reserved.find((r) => r.attempts > limitFor(r.key, p.maxAttempts));
  if (over) {
    await releaseLoginAttempt(db, reserved);
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((over.windowStart.getTime() + p.windowSeconds * 1000 - p.now.getTime()) / 1000),
    );
    throw new ApiError(
      'rate_limited',
      `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds },
    );
  }
  const user = await findUserByEmail(db, email);
  const candidate = user && !user.disabledAt ? user : null;
  // Unknown accounts still pay for one argon2 verification, so timing does not tell them apart.
  const verified = await verifyPassword(candidate?.passwordHash ?? (await dummyPasswordHash()), p.password);
  const ok = candidate !== null && verified;
  const workspaces = user && ok ? await listUserWorkspaces(db, user.id) : [];
  const workspace = workspaces[0];
  if (!user || !ok || !workspace) {
    await recordLoginAttempt(db, email, p.ip, false, p.now);
    throw new ApiError('unauthorized', 'E-mail or password is incorrect.');
  }
  await releaseLoginAttempt(db, reserved);
  await recordLoginAttempt(db, email, p.ip, true, p.now);
  if (p.previousSessionIdHash) await destroySession(db, p.previousSessionIdHash);
  const session = await createSession(db, {
    userId: user.id,
    accountScopeId: workspace.accountScopeId,
    activeProjectId: null,
    ttlDays: p.ttlDays,
    now: p.now,
    ip: p.ip,
    userAgent: p.userAgent,
  });
  await markUserLogin(db, user.id, p.now);
  await writeAuditEvent(db, {
    accountScopeId: workspace.accountScopeId,
    actorUserId: user.id,
    actorType: 'user',
    action: 'auth.login',
    entityType: 'user',
    entityId: user.id,
    requestId: p.requestId,
    ip: p.ip,
    at: p.now,
  });
  return {
    session,
    user: { id: user.id, email: user.email, name: user.name },
    accountScopeId: workspace.accountScopeId,
  };
}
