import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { loginThrottle } from '../schema/platform.ts';

export type ThrottleReservation = { key: string; windowStart: Date; attempts: number };

/**
 * Reserves one attempt on each key in a single statement and returns the counts including it.
 * The upsert takes each key's row lock, so concurrent reservations (from any process) are
 * serialised: the n-th concurrent attempt sees n. A window older than `windowSeconds` restarts
 * at `now`. Callers pass keys in one fixed order (account, then IP), so no two statements wait
 * on each other's rows in opposite orders.
 */
export async function reserveLoginAttempt(
  db: Database,
  keys: string[],
  now: Date,
  windowSeconds: number,
): Promise<ThrottleReservation[]> {
  const since = new Date(now.getTime() - windowSeconds * 1000);
  const expired = sql`${loginThrottle.windowStart} <= ${since.toISOString()}::timestamptz`;
  const rows = await db
    .insert(loginThrottle)
    .values(keys.map((key) => ({ key, windowStart: now, attempts: 1 })))
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${loginThrottle.attempts} + 1 end`,
        windowStart: sql`case when ${expired} then excluded.window_start else ${loginThrottle.windowStart} end`,
      },
    })
    .returning({
      key: loginThrottle.key,
      windowStart: loginThrottle.windowStart,
      attempts: loginThrottle.attempts,
    });
  return rows;
}

/** Gives a reservation back (a success, or an attempt refused before it was tried). */
export async function releaseLoginAttempt(db: Database, reservations: ThrottleReservation[]): Promise<void> {
  for (const r of reservations) {
    await db
      .update(loginThrottle)
      .set({ attempts: sql`greatest(${loginThrottle.attempts} - 1, 0)` })
      .where(and(eq(loginThrottle.key, r.key), eq(loginThrottle.windowStart, r.windowStart)));
  }
}
