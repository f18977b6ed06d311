import type { Database } from '@keel/db/client';
import type { ProjectScopeRef } from '@keel/db/factories';
import { analyticsCommsSnapshots, analyticsRevenueSnapshots } from '@keel/db/schema/analytics';

/**
 * Analytics rows written straight into the real database, in the shape the analytics refresh
 * writes them (one revenue row per project, day, window and currency with its deals in
 * `details`; comms rows with the response-time definition), for tests of the readers.
 */

export async function insertRevenueSnapshot(
  db: Database,
  project: ProjectScopeRef,
  row: {
    day: string;
    currency: string;
    atRiskMinor: number;
    periodDays?: number;
    /** The writer's RevenueDealRow fields the readers use. */
    deals?: {
      dealId: string;
      name: string;
      kind: 'open' | 'renewal';
      amountMinor: number;
      riskProbability: number;
      atRiskMinor: number;
    }[];
  },
) {
  await db.insert(analyticsRevenueSnapshots).values({
    accountScopeId: project.accountScopeId,
    projectId: project.id,
    snapshotDate: row.day,
    periodDays: row.periodDays ?? 30,
    currency: row.currency,
    revenueAtRiskMinor: row.atRiskMinor,
    pipelineMinor: (row.deals ?? []).reduce((s, d) => s + d.amountMinor, 0),
    openDeals: row.deals?.length ?? 0,
    details: row.deals ? { deals: row.deals, definition: 'open and renewal deals × 30-day risk' } : {},
    asOf: new Date(`${row.day}T06:00:00Z`),
  });
}

/** The shape of the analytics writer's response-time definition (its fields, abridged). */
export const RESPONSE_DEFINITION = {
  version: 'response-time-v1',
  unit: 'business_minutes',
  counts: 'human agent replies only',
  excluded: ['bots', 'automations', 'activity', 'private notes'],
  businessHours: {
    timezone: 'Europe/Berlin',
    days: [1, 2, 3, 4, 5],
    startHour: 9,
    endHour: 18,
    source: 'default',
  },
  target: { minutes: 240, source: 'default' },
  pauseRule: 'paused while the conversation waits on the client',
  sla: 'share of client messages whose first human reply came within the target',
};

export async function insertCommsSnapshot(
  db: Database,
  project: ProjectScopeRef,
  row: { day: string; slaCompliance: number | null; inbound: number; periodDays?: number },
) {
  await db.insert(analyticsCommsSnapshots).values({
    accountScopeId: project.accountScopeId,
    projectId: project.id,
    snapshotDate: row.day,
    periodDays: row.periodDays ?? 30,
    inboundMessages: row.inbound,
    slaCompliance: row.slaCompliance,
    firstResponseP50Minutes: 42,
    firstResponseP90Minutes: 180,
    // `counted`: the messages the share is over (the writer's details.sla).
    details: {
      definition: RESPONSE_DEFINITION,
      sla: {
        met: Math.round((row.slaCompliance ?? 0) * row.inbound),
        missed: row.inbound - Math.round((row.slaCompliance ?? 0) * row.inbound),
        pending: 0,
        counted: row.inbound,
        targetMinutes: 240,
      },
    },
    asOf: new Date(`${row.day}T06:00:00Z`),
  });
}
