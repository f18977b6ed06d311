import { z } from 'zod';

/** Analytics (seed: intelligence.js `refreshAnalytics`, `getAnalyticsOverview`). */
export const analyticsTags = ['Analytics'];
export const iso = z.string();
const details = z.record(z.string(), z.unknown());

/** What a response time means; travels with every response-time number. */
export const responseTimeDefinition = z.object({
  version: z.string(),
  unit: z.literal('business_minutes'),
  counts: z.string(),
  excluded: z.array(z.string()),
  businessHours: z.object({
    timezone: z.string(),
    days: z.array(z.number()),
    startHour: z.number(),
    endHour: z.number(),
    source: z.enum(['project', 'default']),
  }),
  target: z.object({ minutes: z.number(), source: z.enum(['project', 'default']) }),
  pauseRule: z.string(),
  reopenRule: z.string(),
  firstResponse: z.string(),
  nextResponse: z.string(),
  sla: z.string(),
  percentiles: z.string(),
});

/** One currency's revenue; `details.deals` are the drill-down rows that add up to the figures. */
export const revenueSnapshot = z.object({
  currency: z.string(),
  snapshotDate: z.string(),
  periodDays: z.number(),
  pipelineMinor: z.number(),
  weightedPipelineMinor: z.number(),
  wonMinor: z.number(),
  lostMinor: z.number(),
  revenueAtRiskMinor: z.number(),
  openDeals: z.number(),
  wonDeals: z.number(),
  lostDeals: z.number(),
  details,
  asOf: iso,
});

export const deliverySnapshot = z.object({
  snapshotDate: z.string(),
  periodDays: z.number(),
  openIssues: z.number(),
  completedIssues: z.number(),
  overdueIssues: z.number(),
  stalledIssues: z.number(),
  blockedIssues: z.number(),
  bugsCreated: z.number(),
  throughputPerWeek: z.number().nullable(),
  cycleTimeP50Hours: z.number().nullable(),
  cycleTimeP85Hours: z.number().nullable(),
  details,
  asOf: iso,
});

export const commsSnapshot = z.object({
  snapshotDate: z.string(),
  periodDays: z.number(),
  inboundMessages: z.number(),
  outboundMessages: z.number(),
  conversationsOpened: z.number(),
  conversationsResolved: z.number(),
  firstResponseP50Minutes: z.number().nullable(),
  firstResponseP90Minutes: z.number().nullable(),
  slaCompliance: z.number().nullable(),
  negativeShare: z.number().nullable(),
  details,
  asOf: iso,
});

export const analyticsRefreshResult = z.object({
  asOf: iso,
  date: z.string(),
  days: z.number(),
  backfilled: z.number(),
  rows: z.object({ revenue: z.number(), delivery: z.number(), comms: z.number() }),
  configVersion: z.string(),
});

export const analyticsOverview = z.object({
  periodDays: z.number(),
  configVersion: z.string(),
  asOf: iso.nullable(),
  revenue: z.object({ definition: z.string(), byCurrency: z.array(revenueSnapshot) }),
  delivery: deliverySnapshot.nullable(),
  comms: commsSnapshot.nullable(),
  responseTimeDefinition,
  series: z.object({
    revenue: z.array(
      z.object({
        date: z.string(),
        currency: z.string(),
        pipelineMinor: z.number(),
        weightedPipelineMinor: z.number(),
        wonMinor: z.number(),
        lostMinor: z.number(),
        revenueAtRiskMinor: z.number(),
      }),
    ),
    comms: z.array(
      z.object({
        date: z.string(),
        inboundMessages: z.number(),
        outboundMessages: z.number(),
        slaMet: z.number(),
        slaCounted: z.number(),
        slaCompliance: z.number().nullable(),
      }),
    ),
  }),
});
