import { apiKeysRouter } from './routers/api-keys/router.ts';
import { auditRouter } from './routers/audit/router.ts';
import { authRouter } from './routers/auth/router.ts';
import { connectorJobsRouter } from './routers/connector-jobs/router.ts';
import { connectorsRouter } from './routers/connectors/router.ts';
import { dataRouter } from './routers/data/router.ts';
import { embeddingsRouter } from './routers/embeddings/router.ts';
import { jobsRouter } from './routers/jobs/router.ts';
import { kagRouter } from './routers/kag/router.ts';
import { loopsRouter } from './routers/loops/router.ts';
import { offersRouter } from './routers/offers/router.ts';
import { outboundRouter } from './routers/outbound/router.ts';
import { portfolioRouter } from './routers/portfolio/router.ts';
import { recommendationsRouter } from './routers/recommendations/router.ts';
import { projectsRouter } from './routers/projects/router.ts';
import { recommendationActionsRouter } from './routers/recommendation-actions/router.ts';
import { searchRouter } from './routers/search/router.ts';
import { digestsRouter } from './routers/digests/router.ts';
import { analyticsRouter } from './routers/analytics/router.ts';
import { riskRouter } from './routers/risk/router.ts';
import { controlTowerRouter } from './routers/control-tower/router.ts';
import { analyticsDrilldownRouter } from './routers/analytics-drilldown/router.ts';
import { crmRouter } from './routers/crm/router.ts';
import { legacySignalsRouter } from './routers/legacy-signals/router.ts';
import { evidenceRouter } from './routers/evidence/router.ts';
import { upsellRouter } from './routers/upsell/router.ts';
import { continuityRouter } from './routers/continuity/router.ts';
import { identityRouter } from './routers/identity/router.ts';
import { router } from './trpc.ts';

/** Every area's router, one line each; the REST table and OpenAPI are derived from this. */
export const appRouter = router({
  auth: authRouter,
  apiKeys: apiKeysRouter,
  projects: projectsRouter,
  audit: auditRouter,
  jobs: jobsRouter,
  search: searchRouter,
  embeddings: embeddingsRouter,
  connectors: connectorsRouter,
  connectorJobs: connectorJobsRouter,
  data: dataRouter,
  loops: loopsRouter,
  kag: kagRouter,
  portfolio: portfolioRouter,
  recommendations: recommendationsRouter,
  outbound: outboundRouter,
  offers: offersRouter,
  recommendationActions: recommendationActionsRouter,
  digests: digestsRouter,
  risk: riskRouter,
  analytics: analyticsRouter,
  controlTower: controlTowerRouter,
  analyticsDrilldown: analyticsDrilldownRouter,
  crm: crmRouter,
  legacySignals: legacySignalsRouter,
  evidence: evidenceRouter,
  upsell: upsellRouter,
  continuity: continuityRouter,
  identity: identityRouter,
});

export type AppRouter = typeof appRouter;
