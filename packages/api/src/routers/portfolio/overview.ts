import { z } from 'zod';
import { getPortfolioOverviewForCaller } from '@keel/app/services/portfolio';
import { authedProcedure } from '../../trpc.ts';

/** The manager's portfolio (seed: portfolio.js): every visible project, worst first. */
const tags = ['Portfolio'];
const band = z.enum(['at_risk', 'watch', 'healthy', 'unscored']);
const amount = z.object({ currency: z.string(), amountMinor: z.number() });

const portfolioRowOut = z.object({
  id: z.string(),
  name: z.string(),
  clientName: z.string().nullable(),
  status: z.enum(['active', 'paused', 'completed', 'archived']),
  role: z.string(),
  health: z.number().nullable(),
  risk: z.number().nullable(),
  healthTrend7d: z.number().nullable(),
  band,
  topSignal: z
    .object({ key: z.string(), title: z.string(), sentence: z.string(), severity: z.number() })
    .nullable(),
  activeSignals: z.number(),
  openRecommendations: z.number(),
  openIssues: z.number(),
  overdueIssues: z.number(),
  awaitingReply: z.number(),
  longestWaitHours: z.number().nullable(),
  lastClientMessageAt: z.string().nullable(),
  openDeals: z.number(),
  openPipeline: z.array(amount),
  /** P(a risk event within 14 days) from the newest forecast; null when there is none or too little history. */
  risk14d: z.number().nullable(),
  /** The at-risk flag: the forecast's flag rule over the last days' 14-day forecasts (GET /kag/v2/forecast's atRisk). */
  atRisk14d: z.boolean().nullable(),
});

export const overviewProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/portfolio/overview',
      summary:
        'Every project you can see with health, top signal, waiting clients, delivery and pipeline — worst first, paged (totals cover all)',
      tags,
    },
  })
  .input(
    z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      offset: z.coerce.number().int().min(0).default(0),
      /** `worst` (default): band, health, longest wait. `risk14d`: highest 14-day risk first. */
      sort: z.enum(['worst', 'risk14d']).default('worst'),
    }),
  )
  .output(
    z.object({
      asOf: z.string(),
      totals: z.object({
        projects: z.number(),
        byBand: z.record(band, z.number()),
        averageHealth: z.number().nullable(),
        awaitingReply: z.number(),
        overdueIssues: z.number(),
        openRecommendations: z.number(),
        openPipeline: z.array(amount),
      }),
      page: z.object({ offset: z.number(), limit: z.number(), total: z.number() }),
      projects: z.array(portfolioRowOut),
    }),
  )
  .query(({ ctx, input }) => getPortfolioOverviewForCaller(ctx.deps, ctx.auth, input));
