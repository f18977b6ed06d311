import type { Database } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { insertOutcomes, listSnapshotDays, upsertSnapshots } from '@keel/db/queries/kag-snapshots';
import type { DayMetrics } from '@keel/intelligence/kag/history/day';
import { outcomesToLabel } from '@keel/intelligence/kag/snapshots/rows';

/**
 * A workspace whose projects already have stored daily snapshots and outcome labels, written
 * straight through the snapshot queries (the pipeline that normally writes them is tested in
 * snapshots-backfill.test.ts): each project follows a risk curve given as a function of the day.
 */
const DAY_MS = 86_400_000;
export const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export const metrics = (over: Partial<DayMetrics> = {}): DayMetrics => ({
  messagesIn7d: 8,
  messagesOut7d: 8,
  openIssues: 6,
  overdueIssues: 0,
  completedIssues7d: 2,
  openDeals: 1,
  openPipelineMinor: 0,
  lostDealsTotal: 0,
  daysSinceClientMessage: 1,
  historyDays: 120,
  ...over,
});

export type Curve = (dayIndex: number) => { risk: number; escalation?: number; silentDays?: number };

export async function seedProjectHistory(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  today: Date,
  days: number,
  curve: Curve,
): Promise<void> {
  const start = Date.parse(`${iso(today.getTime())}T00:00:00.000Z`) - days * DAY_MS;
  const rows = Array.from({ length: days }, (_, i) => {
    const date = iso(start + i * DAY_MS);
    const c = curve(i);
    const health = 100 - c.risk;
    const signals = c.escalation ? { escalation_language: { severity: c.escalation, count: 1 } } : {};
    return {
      snapshotDate: date,
      health,
      risk: c.risk,
      scores: { health, risk: c.risk, components: [], topContributors: [] },
      signals,
      metrics: metrics({
        historyDays: 60 + i,
        daysSinceClientMessage: c.silentDays ?? 1,
      }) as unknown as Record<string, number | null>,
      configVersion: 'kag-v1.0',
      asOf: new Date(`${date}T23:59:59.999Z`),
    };
  });
  await upsertSnapshots(db, scope, rows);
  const stored = await listSnapshotDays(db, scope, '1970-01-01');
  const labels = outcomesToLabel(
    stored.map((s) => ({
      id: s.id,
      date: s.date,
      health: s.health ?? 100,
      signals: s.signals as never,
      metrics: s.metrics as unknown as DayMetrics,
    })),
    new Set(),
    iso(today.getTime()),
  );
  await insertOutcomes(
    db,
    scope,
    labels.map((l) => ({ ...l, labeledAt: today })),
  );
}

/** Risk curves: calm (all alike, so distances tie), rising into an event, chronically red. */
export const CURVES: Record<string, Curve> = {
  calm: () => ({ risk: 0 }),
  wave: (i) => ({ risk: 20 + Math.round(35 * Math.abs(Math.sin(i / 6))) }),
  rising: (i) => ({ risk: Math.min(80, 10 + i), escalation: i % 17 === 16 ? 0.9 : 0 }),
  red: (i) => ({ risk: 60 + (i % 5), silentDays: 5 + (i % 20) }),
};

export async function seedWorkspace(db: Database, today: Date, curves: string[], days = 50) {
  const ws = await createWorkspace(db);
  const projects = [];
  for (const name of curves) {
    const p = await createProject(db, { accountScopeId: ws.id, name: `${name} ${projects.length + 1}` });
    const scope = { accountScopeId: ws.id, projectId: p.id };
    await seedProjectHistory(db, scope, today, days, CURVES[name] as Curve);
    projects.push({ ...scope, name: p.name });
  }
  return { accountScopeId: ws.id, projects };
}
