import type { AppRouter } from '@keel/api/root';
import type { StreamEventType } from '@keel/core/event-names';
import type { QueryFilters } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';

type Trpc = TRPCOptionsProxy<AppRouter>;
/** The queries an event makes stale, as the tRPC client's own path filters (a router that does not exist does not compile). */
type Stale = (trpc: Trpc) => QueryFilters[];

/**
 * The control tower and its drilldowns read scores, forecasts, recommendations, syncs and the
 * analytics/risk tables (written by jobs, so `job.finished` covers them): every such event
 * makes them stale.
 */
const executive: Stale = (t) => [t.controlTower.pathFilter(), t.analyticsDrilldown.pathFilter()];

const afterSync: Stale = (t) => [
  t.connectors.pathFilter(),
  t.jobs.pathFilter(),
  t.data.pathFilter(),
  t.search.pathFilter(),
  t.audit.pathFilter(),
  t.portfolio.pathFilter(),
  // The Attio sync rewrites the CRM mirror.
  t.crm.pathFilter(),
  ...executive(t),
];
/** Jobs refresh what they compute too: scores and recommendations (kag), search (embeddings). */
const afterJob: Stale = (t) => [...afterSync(t), t.kag.pathFilter(), t.recommendations.pathFilter()];
/** The project page reads only kag.* (scores, score and signal history, signals, evidence): one filter covers it. */
const scores: Stale = (t) => [t.kag.pathFilter(), t.portfolio.pathFilter(), ...executive(t)];

/**
 * What the web listens for, and what each event makes stale: the shell opens its EventSource
 * with these names and invalidates these filters. Keys are declared event types
 * (`@keel/core/event-names`); `test/event-listeners.test.ts` checks it.
 */
export const EVENT_INVALIDATIONS = {
  'job.started': (t) => [t.jobs.pathFilter()],
  'job.progress': (t) => [t.jobs.pathFilter()],
  'job.finished': afterJob,
  'job.failed': afterJob,
  'sync.progress': (t) => [t.connectors.pathFilter()],
  'sync.finished': afterSync,
  'sync.failed': afterSync,
  // A sync run someone started (POST /connectors/sync): its page counts, then its outcome.
  'connector.sync.progress': (t) => [t.connectors.syncRun.pathFilter()],
  'connector.sync.finished': afterSync,
  'kag.refreshed': scores,
  // Snapshots and outcomes are served by the kag router (the project page's trend and track record).
  'kag.snapshots.built': (t) => [t.kag.pathFilter()],
  // Forecasts, similar cases and the track record are kag.*; the portfolio shows the 14-day risk.
  'kag.forecasts.refreshed': scores,
  // Recommendations are served by the kag router.
  'recommendations.new': (t) => [...scores(t), t.recommendations.pathFilter()],
  // Someone accepted, dismissed, snoozed or saw a recommendation v2, or a refresh closed some.
  // The portfolio counts open v2 recommendations, so a status change moves its column too.
  'recommendations.updated': (t) => [
    t.recommendations.pathFilter(),
    t.portfolio.pathFilter(),
    ...executive(t),
  ],
  // The outbox and recommendation actions: the Outbound screen, offers, action status and notifications.
  'outbound.updated': (t) => [t.outbound.pathFilter(), t.offers.pathFilter()],
  'action.finished': (t) => [
    t.recommendationActions.pathFilter(),
    t.outbound.pathFilter(),
    t.recommendations.pathFilter(),
    ...executive(t),
  ],
  'reminder.due': (t) => [t.recommendationActions.pathFilter()],
  // Readers' digests were (re)composed: the Digests screen.
  'digest.generated': (t) => [t.digests.pathFilter()],
  // Analytics snapshots and the risk radar were rewritten (the pipeline's last steps, or their jobs).
  'analytics.refreshed': (t) => [
    t.analytics.pathFilter(),
    t.risk.pathFilter(),
    t.portfolio.pathFilter(),
    ...executive(t),
  ],
  'risk.refreshed': (t) => [t.risk.pathFilter(), t.portfolio.pathFilter(), ...executive(t)],
  // An account or deal created, or a deal moved, from Keel: the CRM screen.
  'crm.changed': (t) => [t.crm.pathFilter(), t.audit.pathFilter()],
  // The legacy signals / next best actions were re-projected; the evidence index caught up.
  'signals.extracted': (t) => [t.legacySignals.pathFilter(), t.evidence.pathFilter()],
  'evidence.indexed': (t) => [t.evidence.pathFilter()],
  // The upsell radar was rebuilt or an opportunity moved; continuity actions were planned or applied.
  'upsell.refreshed': (t) => [t.upsell.pathFilter()],
  'upsell.updated': (t) => [t.upsell.pathFilter()],
  'continuity.updated': (t) => [t.continuity.pathFilter(), t.outbound.pathFilter()],
  // The identity review queue or links changed (a refresh, or someone accepted, rejected, undid).
  'identity.updated': (t) => [t.identity.pathFilter()],
  // The server could not replay what this tab missed (reset), or Redis was away and other
  // processes' events were lost meanwhile (resync): everything may be stale.
  reset: afterJob,
  resync: afterJob,
} satisfies Partial<Record<StreamEventType, Stale>>;

export type ListenedEventType = keyof typeof EVENT_INVALIDATIONS;
export const LISTENED_EVENT_TYPES = Object.keys(EVENT_INVALIDATIONS) as ListenedEventType[];

export function isListened(type: string): type is ListenedEventType {
  return Object.hasOwn(EVENT_INVALIDATIONS, type);
}
