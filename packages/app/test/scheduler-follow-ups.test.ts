import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRunResult } from '@keel/connectors/types';
import { createProject } from '@keel/db/factories';
import { scheduledJobs } from '@keel/db/schema/jobs';
import { projectSnapshots } from '@keel/db/schema/snapshots';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { ensureDefaultScheduledJobs } from '../src/scheduler/ensure-jobs.ts';
import {
  AFTER_SYNC_JOBS,
  FIRST_HISTORY_JOBS,
  rowsWritten,
  scheduleAfterSync,
} from '../src/scheduler/follow-ups.ts';

let tdb: TestDatabase;
const now = new Date('2026-11-25T12:00:00Z');
const later = new Date('2026-11-25T12:14:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

function result(written: Record<string, number>): ConnectorRunResult {
  const resources = Object.fromEntries(
    Object.entries(written).map(([k, n]) => [k, { fetched: n, written: n, pages: 1, failed: 0 }]),
  );
  return {
    connector: 'chatwoot',
    status: 'ok',
    resources,
    errorsRegistered: 0,
    errorsResolved: 0,
    durationMs: 5,
  };
}

async function jobs(projectId: string) {
  const rows = await tdb.db.select().from(scheduledJobs).where(eq(scheduledJobs.projectId, projectId));
  return new Map(rows.map((r) => [r.jobType, r]));
}

async function newProjectWithJobsAt(at: Date) {
  const project = await createProject(tdb.db);
  await ensureDefaultScheduledJobs(tdb.db, { now, projectIds: [project.id] });
  await tdb.db.update(scheduledJobs).set({ nextRunAt: at }).where(eq(scheduledJobs.projectId, project.id));
  return { project, scope: { accountScopeId: project.accountScopeId, projectId: project.id } };
}

describe('rowsWritten', () => {
  it('when connectors report written rows per resource, then they are summed over all of them', () => {
    expect(rowsWritten([result({ conversations: 2, messages: 40 }), result({ issues: 3 })])).toBe(45);
    expect(rowsWritten([result({ messages: 0 })])).toBe(0);
    expect(rowsWritten([])).toBe(0);
  });
});

describe('scheduleAfterSync', () => {
  it('when a sync wrote rows, then the idle scoring and embedding jobs become due now and the others keep their time', async () => {
    const { project, scope } = await newProjectWithJobsAt(later);
    // No snapshot yet: the daily pipeline comes forward too, to backfill the synced history.
    expect(await scheduleAfterSync(tdb.db, scope, [result({ messages: 12 })], now)).toEqual(
      [...AFTER_SYNC_JOBS, ...FIRST_HISTORY_JOBS].sort(),
    );
    const after = await jobs(project.id);
    for (const type of AFTER_SYNC_JOBS) expect(after.get(type)?.nextRunAt).toEqual(now);
    expect(after.get('connectors_reconciliation')?.nextRunAt).toEqual(later);
  });

  it('when the project has snapshots, then the daily pipeline keeps its time', async () => {
    const { project, scope } = await newProjectWithJobsAt(later);
    await tdb.db.insert(projectSnapshots).values({
      ...scope,
      snapshotDate: '2026-11-24',
      configVersion: 'test',
      asOf: now,
    });
    expect(await scheduleAfterSync(tdb.db, scope, [result({ messages: 3 })], now)).toEqual(
      [...AFTER_SYNC_JOBS].sort(),
    );
    expect((await jobs(project.id)).get('kag_daily_pipeline')?.nextRunAt).toEqual(later);
  });

  it('when the sync wrote nothing, then no job moves', async () => {
    const { project, scope } = await newProjectWithJobsAt(later);
    expect(await scheduleAfterSync(tdb.db, scope, [result({ messages: 0 })], now)).toEqual([]);
    expect((await jobs(project.id)).get('kag_recommendations_refresh')?.nextRunAt).toEqual(later);
  });

  it('when a job is failing in backoff or already due earlier, then it keeps its state and time', async () => {
    const { project, scope } = await newProjectWithJobsAt(later);
    const earlier = new Date('2026-11-25T11:00:00Z');
    const where = (type: string) =>
      and(eq(scheduledJobs.projectId, project.id), eq(scheduledJobs.jobType, type));
    await tdb.db.update(scheduledJobs).set({ status: 'failed' }).where(where('kag_recommendations_refresh'));
    await tdb.db.update(scheduledJobs).set({ nextRunAt: earlier }).where(where('embeddings_run'));
    // Only the idle identity job and the first-history job (no snapshot yet) move.
    expect((await scheduleAfterSync(tdb.db, scope, [result({ issues: 1 })], now)).sort()).toEqual(
      ['identity_suggestions_refresh', ...FIRST_HISTORY_JOBS].sort(),
    );
    const after = await jobs(project.id);
    expect(after.get('kag_recommendations_refresh')).toMatchObject({ status: 'failed', nextRunAt: later });
    expect(after.get('embeddings_run')?.nextRunAt).toEqual(earlier);
  });
});
