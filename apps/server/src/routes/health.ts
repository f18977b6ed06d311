import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { okEnvelope } from '@keel/core/envelope';
import type { AppDeps } from '@keel/app/deps';
import { queryRows } from '@keel/db/client';
import { MIGRATIONS_FOLDER } from '@keel/db/migrate';
import { getWorkerHeartbeat } from '@keel/db/queries/jobs';
import { readCapabilities } from '@keel/db/capabilities';
import { eventsModeOf } from '@keel/core/resilient-bus';

type Check = 'ok' | 'error' | 'disabled';

function expectedMigrations(): number {
  try {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries?: unknown[];
    };
    return journal.entries?.length ?? 0;
  } catch {
    return 0;
  }
}

/** GET /health: database, Redis, migrations, worker heartbeat and search mode, without auth. */
export function registerHealthRoute(
  app: FastifyInstance,
  deps: AppDeps,
  pingRedis: () => Promise<Check>,
): void {
  const expected = expectedMigrations();
  app.get('/health', async (req, reply) => {
    let db: Check = 'ok';
    let applied = 0;
    let workerLastSeen: string | null = null;
    let vector = { enabled: false, detail: 'unknown' };
    try {
      const rows = await queryRows<{ n: number }>(
        deps.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      applied = Number(rows[0]?.n ?? 0);
      const caps = await readCapabilities({ db: deps.db });
      vector = { enabled: caps.vector, detail: caps.vectorDetail };
      // The heartbeat, as /jobs/status reads it: a tick's start and finish alone would call a
      // worker stale while it runs a long job (it heart-beats the whole time).
      const beat = await getWorkerHeartbeat(deps.db).catch(() => null);
      workerLastSeen = beat?.lastSeenAt?.toISOString() ?? null;
    } catch (error) {
      db = 'error';
      req.log.error({ err: error }, 'health: database check failed');
    }
    const redis = await pingRedis();
    const intervalMs = deps.env.WORKER_INTERVAL_SECONDS * 1000;
    const workerOk =
      workerLastSeen !== null && deps.clock.now().getTime() - Date.parse(workerLastSeen) < 3 * intervalMs;
    // Without Redis the server still serves (events in-process): degraded, but not 503.
    const events = eventsModeOf(deps.bus);
    const serving = db === 'ok' && applied >= expected;
    const healthy = serving && redis !== 'error' && events !== 'degraded (in-process)';
    reply.code(serving ? 200 : 503);
    return {
      ...okEnvelope(req.id, {
        status: healthy ? 'ok' : 'degraded',
        db,
        dbKind: deps.dbKind,
        redis,
        events,
        migrations: { applied, expected, ok: applied >= expected },
        worker: { lastSeenAt: workerLastSeen, ok: workerOk },
        search: { mode: vector.enabled ? 'hybrid' : 'text-only', vector },
      }),
      ok: healthy,
    };
  });
}
