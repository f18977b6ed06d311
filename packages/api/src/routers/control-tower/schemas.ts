import { z } from 'zod';

/** Shapes shared by GET /control-tower and GET /analytics/drilldown. */
/** The metrics a drilldown answers (the service's DrilldownMetric; a drift does not compile). */
const DRILLDOWN_METRICS = [
  'health_band',
  'revenue_at_risk',
  'forecast_movers',
  'top_risks',
  'sla_compliance',
  'recommendations_acted',
  'connector_freshness',
] as const;
export const band = z.enum(['at_risk', 'watch', 'healthy', 'unscored']);
export const drilldownKey = z.object({
  metric: z.enum(DRILLDOWN_METRICS),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'currency is a three-letter ISO code')
    .optional(),
  band: band.optional(),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'day is YYYY-MM-DD')
    .optional(),
  connector: z.string().max(40).optional(),
});
const bandCounts = z.object({
  at_risk: z.number(),
  watch: z.number(),
  healthy: z.number(),
  unscored: z.number(),
});

export const controlTowerOut = z.object({
  asOf: z.string(),
  projects: z.number(),
  health: z.object({
    asOf: z.string(),
    averageHealth: z.number().nullable(),
    bands: z.array(z.object({ band, projects: z.number(), drilldown: drilldownKey })),
    trend: z.array(z.object({ day: z.string(), byBand: bandCounts, drilldown: drilldownKey })),
    drilldown: drilldownKey,
  }),
  revenueAtRisk: z.object({
    asOf: z.string().nullable(),
    periodDays: z.number(),
    /** How the figure was computed (the analytics writer's definition), shown beside it. */
    definition: z.string().nullable(),
    byCurrency: z.array(
      z.object({
        currency: z.string(),
        amountMinor: z.number(),
        projects: z.number(),
        asOf: z.string().nullable(),
        drilldown: drilldownKey,
      }),
    ),
    trend: z.array(z.object({ day: z.string(), currency: z.string(), amountMinor: z.number() })),
    drilldown: drilldownKey,
  }),
  forecastMovers: z.object({
    asOf: z.string().nullable(),
    items: z.array(
      z.object({
        projectId: z.string(),
        projectName: z.string(),
        from: z.number(),
        to: z.number(),
        change: z.number(),
        fromAsOf: z.string(),
        toAsOf: z.string(),
        drilldown: drilldownKey,
      }),
    ),
    drilldown: drilldownKey,
  }),
  topRisks: z.object({
    asOf: z.string().nullable(),
    items: z.array(
      z.object({
        projectId: z.string(),
        projectName: z.string(),
        source: z.enum(['risk_radar', 'signal']),
        title: z.string(),
        reason: z.string(),
        severity: z.number(),
        probability: z.number().nullable(),
        signalKeys: z.array(z.string()),
        asOf: z.string(),
      }),
    ),
    drilldown: drilldownKey,
  }),
  sla: z.object({
    asOf: z.string().nullable(),
    periodDays: z.number(),
    compliance: z.number().nullable(),
    measured: z.number(),
    projects: z.number(),
    /** How response times were measured (the analytics writer's definition), shown beside the number. */
    definition: z.record(z.string(), z.unknown()).nullable(),
    trend: z.array(
      z.object({
        day: z.string(),
        compliance: z.number().nullable(),
        measured: z.number(),
        drilldown: drilldownKey,
      }),
    ),
    drilldown: drilldownKey,
  }),
  recommendationsActed: z.object({
    asOf: z.string(),
    since: z.string(),
    accepted: z.number(),
    done: z.number(),
    actionsSucceeded: z.number(),
    projects: z.number(),
    drilldown: drilldownKey,
  }),
  freshness: z.object({
    asOf: z.string().nullable(),
    connectors: z.array(
      z.object({
        connector: z.string(),
        projects: z.number(),
        dataAsOf: z.string().nullable(),
        newestSuccessAt: z.string().nullable(),
        neverSynced: z.number(),
        failing: z.number(),
        drilldown: drilldownKey,
      }),
    ),
    drilldown: drilldownKey,
  }),
});

export const drilldownOut = z.object({
  key: drilldownKey,
  title: z.string(),
  asOf: z.string().nullable(),
  rows: z.array(
    z.object({
      projectId: z.string(),
      projectName: z.string(),
      value: z.number().nullable(),
      currency: z.string().nullable(),
      label: z.string(),
      asOf: z.string().nullable(),
      deals: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          amountMinor: z.number(),
          atRiskMinor: z.number(),
          probability: z.number().nullable(),
        }),
      ),
    }),
  ),
  totals: z.array(z.object({ currency: z.string().nullable(), value: z.number().nullable() })),
});
