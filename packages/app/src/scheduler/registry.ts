import { z } from 'zod';
import { defineJob, type JobRegistry } from './types.ts';

/**
 * Every job type the scheduler knows, as data (seed: scheduler.js, 18 default jobs), each with
 * a lazily imported handler module under ./handlers. A job that must not run on its own is
 * registered disabled with the reason (test: packages/app/test/jobs-registry.test.ts).
 */
const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const empty = z.looseObject({});
const connectorNames = z.array(z.enum(['chatwoot', 'linear', 'attio'])).min(1);

export const jobRegistry: JobRegistry = [
  defineJob({
    type: 'connectors_sync_cycle',
    description: 'Incremental sync of Chatwoot, Linear and Attio by watermark (runAllConnectorsSync)',
    service: 'connector-sync.js → @keel/connectors',
    cadenceSeconds: 15 * MIN,
    timeoutSeconds: 20 * MIN,
    // A new project's first sync is what its manager waits for (everything else follows it):
    // within a minute, not anywhere in the first 15.
    firstRunSpreadSeconds: MIN,
    payload: z.object({ connectors: connectorNames.optional() }),
    handler: () => import('./handlers/connectors-sync.ts'),
  }),
  defineJob({
    type: 'connector_errors_retry',
    description: 'Retries connector errors whose next retry time has come (DLQ)',
    service: 'connector-state.js → @keel/connectors',
    cadenceSeconds: 5 * MIN,
    timeoutSeconds: 10 * MIN,
    payload: z.object({ limit: z.number().int().min(1).max(1000).default(50) }),
    handler: () => import('./handlers/connector-errors-retry.ts'),
  }),
  defineJob({
    type: 'connectors_reconciliation',
    description: 'Compares source counts with the mirrored rows and records differences',
    service: 'reconciliation.js → @keel/connectors',
    cadenceSeconds: 6 * HOUR,
    timeoutSeconds: 30 * MIN,
    payload: empty,
    handler: () => import('./handlers/connectors-reconciliation.ts'),
  }),
  defineJob({
    type: 'loops_sync',
    description: 'Pushes CRM contacts to Loops.so for email marketing',
    service: 'loops.js → @keel/connectors',
    cadenceSeconds: DAY,
    timeoutSeconds: 30 * MIN,
    payload: empty,
    handler: () => import('./handlers/loops-sync.ts'),
  }),
  defineJob({
    type: 'embeddings_run',
    description: 'Embeds pending rag_chunks (OpenAI-compatible or local provider)',
    service: 'embeddings.js → @keel/rag',
    cadenceSeconds: 20 * MIN,
    timeoutSeconds: 20 * MIN,
    payload: z.object({ maxChunks: z.number().int().min(1).max(1_000_000).optional() }),
    handler: () => import('./handlers/embeddings-run.ts'),
  }),
  defineJob({
    type: 'kag_recommendations_refresh',
    description:
      'Incremental intelligence pipeline: ingest → signals → scores → recommendations (v1, then v2)',
    service: 'kag.js → @keel/intelligence',
    cadenceSeconds: 15 * MIN,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    handler: () => import('./handlers/kag-recommendations-refresh.ts'),
  }),
  defineJob({
    type: 'kag_daily_pipeline',
    description:
      'Full daily pipeline pass: re-ingest, signals, scores, graph, snapshots (missing days backfilled), outcome labels, case signatures and forecasts',
    service: 'kag.js + snapshots.js → @keel/intelligence',
    cadenceSeconds: DAY,
    timeoutSeconds: HOUR,
    payload: empty,
    handler: () => import('./handlers/kag-daily-pipeline.ts'),
  }),
  defineJob({
    type: 'project_snapshots_refresh',
    description: "Builds today's project snapshot, backfills missing days and labels past-case outcomes",
    service: 'snapshots.js → @keel/intelligence',
    cadenceSeconds: DAY,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    handler: () => import('./handlers/project-snapshots-refresh.ts'),
  }),
  defineJob({
    type: 'case_signatures_refresh',
    description: 'Rewrites every case signature with the current version for similar-case search',
    service: 'similarity.js → @keel/intelligence',
    cadenceSeconds: WEEK,
    timeoutSeconds: HOUR,
    payload: empty,
    handler: () => import('./handlers/case-signatures-refresh.ts'),
  }),
  defineJob({
    type: 'risk_forecasts_refresh',
    description: 'Recomputes 7/14/30-day risk forecasts from the stored snapshots and similar cases',
    service: 'forecasting.js → @keel/intelligence',
    cadenceSeconds: HOUR,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    handler: () => import('./handlers/risk-forecasts-refresh.ts'),
  }),
  defineJob({
    type: 'recommendations_v2_refresh',
    description: 'Regenerates evidence-gated recommendations v2',
    service: 'recommendations-v2.js → @keel/intelligence',
    cadenceSeconds: 30 * MIN,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    // Also the last step of the 15-minute kag_recommendations_refresh; this is the step alone.
    handler: () => import('./handlers/recommendations-v2-refresh.ts'),
  }),
  defineJob({
    type: 'risk_health_refresh',
    description: 'Refreshes health scores and the risk radar',
    service: 'intelligence.js refreshRiskAndHealth → @keel/intelligence',
    cadenceSeconds: HOUR,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    handler: () => import('./handlers/risk-health-refresh.ts'),
  }),
  defineJob({
    type: 'analytics_refresh',
    description: 'Recomputes revenue, delivery and communication analytics snapshots',
    service: 'intelligence.js refreshAnalytics → @keel/intelligence',
    cadenceSeconds: HOUR,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    handler: () => import('./handlers/analytics-refresh.ts'),
  }),
  defineJob({
    type: 'daily_digest',
    description: "Generates the project's daily digest and recomposes its readers' (in-app, e-mail via SMTP)",
    service:
      'intelligence.js generateDailyDigest → @keel/app/services/digests (rules: @keel/intelligence/digests)',
    cadenceSeconds: DAY,
    timeoutSeconds: 10 * MIN,
    payload: empty,
    handler: () => import('./handlers/daily-digest.ts'),
  }),
  defineJob({
    type: 'weekly_digest',
    description:
      "Generates the project's weekly digest and recomposes its readers' (in-app, e-mail via SMTP)",
    service:
      'intelligence.js generateWeeklyDigest → @keel/app/services/digests (rules: @keel/intelligence/digests)',
    cadenceSeconds: WEEK,
    timeoutSeconds: 10 * MIN,
    payload: empty,
    handler: () => import('./handlers/weekly-digest.ts'),
  }),
  defineJob({
    type: 'legacy_signals_extract',
    description:
      'Projects the kag signals into the legacy signals and next best actions, then indexes the evidence they cite',
    service:
      'signals.js → @keel/intelligence/legacy (+ audit.js indexEvidenceRefs → @keel/intelligence/evidence)',
    cadenceSeconds: 30 * MIN,
    timeoutSeconds: 15 * MIN,
    payload: empty,
    handler: () => import('./handlers/legacy-signals-extract.ts'),
  }),
  defineJob({
    type: 'identity_suggestions_refresh',
    description:
      'Matches Chatwoot contacts, Attio people and companies and Linear users into the identity review queue (nothing is linked without a person)',
    service:
      'identity-graph.js previewIdentitySuggestions → @keel/app/services/identity (rules: @keel/intelligence/identity)',
    cadenceSeconds: 6 * HOUR,
    timeoutSeconds: 15 * MIN,
    // Brought forward after every sync that wrote rows (follow-ups.ts), so a new project's
    // queue fills minutes after its first sync; the spread only covers a project with no sync.
    firstRunSpreadSeconds: 5 * MIN,
    payload: empty,
    handler: () => import('./handlers/identity-suggestions-refresh.ts'),
  }),
  defineJob({
    type: 'upsell_radar_refresh',
    description:
      'Detects upsell opportunities: expansion cues in client messages on healthy projects with won deals',
    service: 'upsell.js → @keel/intelligence/upsell',
    cadenceSeconds: 6 * HOUR,
    timeoutSeconds: 15 * MIN,
    // Within minutes of a new project's first scoring (a project not scored yet retries in 10 min).
    firstRunSpreadSeconds: 5 * MIN,
    payload: empty,
    handler: () => import('./handlers/upsell-radar-refresh.ts'),
  }),
  defineJob({
    type: 'outbound_process',
    description: 'Sends approved outbound messages that are due (idempotency key per message)',
    service:
      'outbox.js processDueOutbounds → @keel/app/services/outbox-send (rules: @keel/intelligence/outbox)',
    cadenceSeconds: 5 * MIN,
    timeoutSeconds: 5 * MIN,
    payload: z.object({ limit: z.number().int().min(1).max(500).default(50) }),
    handler: () => import('./handlers/outbound-process.ts'),
  }),
  defineJob({
    type: 'job_history_prune',
    description: 'Deletes job_runs of the project and worker_runs older than the retention',
    service: 'jobs.js → @keel/db/queries/jobs',
    cadenceSeconds: DAY,
    timeoutSeconds: 5 * MIN,
    payload: z.object({ retentionDays: z.number().int().min(1).max(3650).default(30) }),
    handler: () => import('./handlers/job-history-prune.ts'),
  }),
];
