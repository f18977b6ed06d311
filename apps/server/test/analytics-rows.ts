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
    deals?: {
      id: string;
      name: string;
      amountMinor: number;
      probability: number;
      revenueAtRiskMinor: number;
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
    details: row.deals ? { deals: row.deals } : {},
    asOf: new Date(`${row.day}T06:00:00Z`),
  });
}

export const RESPONSE_DEFINITION = {
  target: 'first human reply within 4 business hours',
  counts: 'human agent replies only; bots, automations, activity and private notes excluded',
  hours: "business hours of the project's timezone",
  pauses: 'paused while the conversation waits on the client',
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
    details: { definition: RESPONSE_DEFINITION },
    asOf: new Date(`${row.day}T06:00:00Z`),
  });
}
