import { readCapabilities } from '@keel/db/capabilities';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@keel/db/client';
import { createProject } from '@keel/db/factories';
import type { AppDeps, AppRuntime } from '../src/deps.ts';
import { appDepsOverHarness } from './scheduler-support.ts';
import { runJobNow } from '../src/scheduler/run-now.ts';
import { and, eq } from 'drizzle-orm';
import { registerConnectorError } from '@keel/connectors/connector-state';
import { toConnectorError } from '@keel/connectors/errors';
import { scheduledJobs } from '@keel/db/schema/jobs';
import { ensureDefaultScheduledJobs } from '../src/scheduler/ensure-jobs.ts';
import { createHarness, type Harness, scopeOf } from '../../connectors/test/helpers.ts';

/**
 * The wired handlers against the real services and the sandbox emulators over HTTP: the
 * scheduler's run-now path drives connectors, reconciliation, Loops and embeddings.
 */
let h: Harness;
let deps: AppDeps;
let runtime: AppRuntime;

beforeAll(async () => {
  h = await createHarness();
  runtime = await appDepsOverHarness(h);
  deps = runtime.deps;
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  await h?.close();
});

async function runNow(type: string, scope = scopeOf(h)) {
  const r = await runJobNow(deps, scope, type);
  if (r.status !== 'ran') throw new Error(`${type} did not run: ${r.status}`);
  return r.outcome;
}

describe('wired job handlers', () => {
  it('when the connectors sync job runs for a bound project, then all three connectors sync and a second run finds the DLQ empty', async () => {
    const sync = await runNow('connectors_sync_cycle');
    expect(sync.status, sync.error).toBe('succeeded');
    const [mirrored] = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from cw_conversations where project_id = ${scopeOf(h).projectId}::uuid`,
    );
    expect(mirrored?.n).toBeGreaterThan(0);
    // What it wrote pulls the project's scoring forward to the next tick.
    const [kag] = await queryRows<{ due: boolean }>(
      h.db.db,
      sql`select next_run_at <= ${h.clock.now().toISOString()}::timestamptz as due from scheduled_jobs
          where project_id = ${scopeOf(h).projectId}::uuid and job_type = 'kag_recommendations_refresh'`,
    );
    expect(kag?.due).toBe(true);
    const retry = await runNow('connector_errors_retry');
    expect(retry).toMatchObject({ status: 'skipped', reason: 'no connector errors are due for retry' });
  });

  it("when a dead-letter retry writes rows, then the project's scoring job is brought forward to now", async () => {
    // A bound project never synced: retrying its parked Linear issues page writes its issues.
    const scope = scopeOf(h, 1);
    const now = h.clock.now();
    await ensureDefaultScheduledJobs(h.db.db, { now, projectIds: [scope.projectId] });
    const scoring = and(
      eq(scheduledJobs.projectId, scope.projectId),
      eq(scheduledJobs.jobType, 'kag_recommendations_refresh'),
    );
    await h.db.db
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(now.getTime() + 3_600_000) })
      .where(scoring);
    await registerConnectorError(
      h.db.db,
      scope,
      { connector: 'linear', operation: 'issues.page', unit: 'issues', sourceRef: null },
      toConnectorError(new Error('socket hang up')),
      new Date(now.getTime() - 3_600_000),
    );
    const retry = await runNow('connector_errors_retry', scope);
    expect(retry.status, retry.error).toBe('succeeded');
    const [issues] = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from linear_issues_raw where project_id = ${scope.projectId}::uuid`,
    );
    expect(issues?.n).toBeGreaterThan(0);
    const [job] = await h.db.db
      .select({ nextRunAt: scheduledJobs.nextRunAt })
      .from(scheduledJobs)
      .where(scoring);
    expect(job?.nextRunAt.getTime()).toBeLessThanOrEqual(h.clock.now().getTime());
  });

  it('when reconciliation, Loops and embeddings jobs run after the sync, then each finishes or says why it skipped', async () => {
    const reconcile = await runNow('connectors_reconciliation');
    expect(reconcile.status, reconcile.error).toBe('succeeded');
    const loops = await runNow('loops_sync');
    expect(['succeeded', 'skipped'], loops.error).toContain(loops.status);
    const embeddings = await runNow('embeddings_run');
    // PGlite ships pgvector; PostgreSQL 15 here has none, and the job then skips with the reason.
    const caps = await readCapabilities({ db: h.db.db });
    if (caps.vector) expect(embeddings.status, embeddings.error).toBe('succeeded');
    else expect(embeddings).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/pgvector/i) });
  });

  it('when the identity job runs after the sync, then the synced people fill the review queue and a rerun adds nothing', async () => {
    const count = async (table: 'identity_link_suggestions' | 'identity_links') => {
      const [row] = await queryRows<{ n: number; updated: string | null }>(
        h.db.db,
        sql`select count(*)::int as n, max(created_at)::text as updated from ${sql.raw(table)}
            where project_id = ${scopeOf(h).projectId}::uuid`,
      );
      return row;
    };
    const first = await runNow('identity_suggestions_refresh');
    expect(first.status, first.error).toBe('succeeded');
    const queued = await count('identity_link_suggestions');
    expect(queued?.n).toBeGreaterThan(0);
    expect((await count('identity_links'))?.n, 'nothing is linked without a person').toBe(0);
    const again = await runNow('identity_suggestions_refresh');
    expect(again.status, again.error).toBe('succeeded');
    expect(await count('identity_link_suggestions')).toEqual(queued);
  });

  it('when a project has no bound sources, then the sync job skips and names the reason per connector', async () => {
    const lonely = await createProject(h.db.db, { accountScopeId: h.accountScopeId });
    const outcome = await runNow('connectors_sync_cycle', {
      accountScopeId: h.accountScopeId,
      projectId: lonely.id,
    });
    expect(outcome.status).toBe('skipped');
    expect(outcome.reason).toMatch(/chatwoot: .+; linear: .+; attio: .+/);
  });
});
