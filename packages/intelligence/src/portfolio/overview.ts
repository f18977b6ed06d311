/**
 * The project manager's portfolio: every project they can see, with its health, what is wrong
 * (the strongest signal), who is waiting, delivery load and open pipeline — worst first.
 * Pure: the facts come in per project, the clock is a parameter.
 */

export type HealthBand = 'at_risk' | 'watch' | 'healthy' | 'unscored';

/** Health below `atRisk` needs attention now; below `watch` deserves a look this week. */
export const HEALTH_BANDS = { atRisk: 50, watch: 70 } as const;

export function healthBand(health: number | null): HealthBand {
  if (health === null) return 'unscored';
  if (health < HEALTH_BANDS.atRisk) return 'at_risk';
  if (health < HEALTH_BANDS.watch) return 'watch';
  return 'healthy';
}

/**
 * The band `health_scores` stores (the seed's four): the portfolio's bands, with "critical" for a
 * project so far below the at-risk line that most of its categories are empty.
 */
export const CRITICAL_BELOW = 25;
export function storedHealthBand(health: number): 'healthy' | 'watch' | 'at_risk' | 'critical' {
  if (health < CRITICAL_BELOW) return 'critical';
  const band = healthBand(health);
  return band === 'unscored' ? 'at_risk' : band;
}

export type PortfolioProject = {
  id: string;
  name: string;
  clientName: string | null;
  status: 'active' | 'paused' | 'completed' | 'archived';
  role: string;
};

export type TopSignal = { key: string; title: string; sentence: string; severity: number };
export type Amount = { currency: string; amountMinor: number };

/** What the database knows of one project; every field is optional (a new project has none). */
export type ProjectFacts = {
  health?: number;
  risk?: number;
  /** Health at or before seven days ago, for the trend. */
  healthWeekAgo?: number;
  activeSignals?: number;
  topSignal?: TopSignal;
  openRecommendations?: number;
  openIssues?: number;
  overdueIssues?: number;
  awaitingReply?: number;
  oldestWaitingSince?: Date;
  lastClientMessageAt?: Date;
  openDeals?: number;
  openPipeline?: Amount[];
  /** P(risk event within 14 days) of the newest forecast, when it had enough history. */
  risk14d?: number;
  /** The at-risk flag over the last days' 14-day forecasts (kag/forecast/flag-rule.ts). */
  atRisk14d?: boolean;
};

export type PortfolioRow = PortfolioProject & {
  health: number | null;
  risk: number | null;
  /** Health now minus health a week ago (points); null without both. */
  healthTrend7d: number | null;
  band: HealthBand;
  topSignal: TopSignal | null;
  activeSignals: number;
  openRecommendations: number;
  openIssues: number;
  overdueIssues: number;
  awaitingReply: number;
  /** How long the longest-waiting client has waited, in hours. */
  longestWaitHours: number | null;
  lastClientMessageAt: string | null;
  openDeals: number;
  openPipeline: Amount[];
  /** P(risk event within 14 days), 0..1; null without a forecast or with too little history. */
  risk14d: number | null;
  /** The at-risk flag (the forecast's flag rule); null where risk14d is. */
  atRisk14d: boolean | null;
};

/** `worst`: band, health, wait, name. `risk14d`: highest 14-day risk first (none last), then worst. */
export const PORTFOLIO_SORTS = ['worst', 'risk14d'] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

export type PortfolioOverview = {
  asOf: string;
  totals: {
    projects: number;
    byBand: Record<HealthBand, number>;
    /** Mean health of the scored projects; null when none is scored. */
    averageHealth: number | null;
    awaitingReply: number;
    overdueIssues: number;
    openRecommendations: number;
    openPipeline: Amount[];
  };
  /** Which slice of the worst-first list `projects` holds; `total` counts every visible project. */
  page: { offset: number; limit: number; total: number };
  projects: PortfolioRow[];
};

const BAND_ORDER: Record<HealthBand, number> = { at_risk: 0, watch: 1, unscored: 2, healthy: 3 };
/** One collator for every comparison: `String#localeCompare` sets one up per call (≈ 1 µs each). */
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const HOUR_MS = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

const byAmount = (a: Amount, b: Amount) =>
  b.amountMinor - a.amountMinor || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

/** Sums amounts per currency, largest first. */
export function sumAmounts(amounts: readonly Amount[]): Amount[] {
  // Most projects have no open deal or deals in one currency: no map needed for those.
  if (amounts.length === 0) return [];
  if (amounts.length === 1) {
    const [only] = amounts as [Amount];
    return [{ currency: only.currency, amountMinor: only.amountMinor }];
  }
  const by = new Map<string, number>();
  for (const a of amounts) by.set(a.currency, (by.get(a.currency) ?? 0) + a.amountMinor);
  return [...by].map(([currency, amountMinor]) => ({ currency, amountMinor })).sort(byAmount);
}

export function toPortfolioRow(project: PortfolioProject, facts: ProjectFacts, now: Date): PortfolioRow {
  const health = facts.health ?? null;
  // Fields listed one by one: `{ ...project, …14 more }` takes V8's slow path (≈ 12 µs a row).
  return {
    id: project.id,
    name: project.name,
    clientName: project.clientName,
    status: project.status,
    role: project.role,
    health,
    risk: facts.risk ?? null,
    healthTrend7d:
      health !== null && facts.healthWeekAgo !== undefined ? round1(health - facts.healthWeekAgo) : null,
    band: healthBand(health),
    topSignal: facts.topSignal ?? null,
    activeSignals: facts.activeSignals ?? 0,
    openRecommendations: facts.openRecommendations ?? 0,
    openIssues: facts.openIssues ?? 0,
    overdueIssues: facts.overdueIssues ?? 0,
    awaitingReply: facts.awaitingReply ?? 0,
    longestWaitHours: facts.oldestWaitingSince
      ? round1(Math.max(0, now.getTime() - facts.oldestWaitingSince.getTime()) / HOUR_MS)
      : null,
    lastClientMessageAt: facts.lastClientMessageAt?.toISOString() ?? null,
    openDeals: facts.openDeals ?? 0,
    openPipeline: sumAmounts(facts.openPipeline ?? []),
    risk14d: facts.risk14d ?? null,
    atRisk14d: facts.risk14d === undefined ? null : (facts.atRisk14d ?? false),
  };
}

/** What the order needs of a project, computed once per project (not once per comparison). */
type SortKey = {
  project: PortfolioProject;
  facts: ProjectFacts;
  band: HealthBand;
  health: number | null;
  waitMs: number;
};

const NO_FACTS: ProjectFacts = {};

function sortKey(project: PortfolioProject, facts: ProjectFacts, now: number): SortKey {
  const health = facts.health ?? null;
  return {
    project,
    facts,
    band: healthBand(health),
    health,
    waitMs: facts.oldestWaitingSince ? now - facts.oldestWaitingSince.getTime() : -1,
  };
}

/**
 * Worst first: band (at risk, watch, unscored, healthy), then lower health, then the longest
 * client wait, then name — so the top of the list is what a manager should open first.
 */
function compareKeys(a: SortKey, b: SortKey): number {
  return (
    BAND_ORDER[a.band] - BAND_ORDER[b.band] ||
    (a.health ?? 101) - (b.health ?? 101) ||
    b.waitMs - a.waitMs ||
    byName.compare(a.project.name, b.project.name)
  );
}

function compareRisk14d(a: SortKey, b: SortKey): number {
  return (b.facts.risk14d ?? -1) - (a.facts.risk14d ?? -1) || compareKeys(a, b);
}

/**
 * Totals over every project; rows for one page of the worst-first order (`page` defaults to
 * all of them). Every project is ranked and counted, but only the page's rows are built.
 */
export function buildPortfolioOverview(
  projects: readonly PortfolioProject[],
  facts: ReadonlyMap<string, ProjectFacts>,
  now: Date,
  page: { offset: number; limit: number } = { offset: 0, limit: projects.length },
  sort: PortfolioSort = 'worst',
): PortfolioOverview {
  const nowMs = now.getTime();
  const keys = projects
    .map((p) => sortKey(p, facts.get(p.id) ?? NO_FACTS, nowMs))
    .sort(sort === 'risk14d' ? compareRisk14d : compareKeys);
  const byBand: Record<HealthBand, number> = { at_risk: 0, watch: 0, healthy: 0, unscored: 0 };
  let healthSum = 0;
  let scored = 0;
  let awaitingReply = 0;
  let overdueIssues = 0;
  let openRecommendations = 0;
  const pipeline: Amount[] = [];
  for (const k of keys) {
    byBand[k.band] += 1;
    if (k.health !== null) {
      healthSum += k.health;
      scored += 1;
    }
    awaitingReply += k.facts.awaitingReply ?? 0;
    overdueIssues += k.facts.overdueIssues ?? 0;
    openRecommendations += k.facts.openRecommendations ?? 0;
    if (k.facts.openPipeline) pipeline.push(...k.facts.openPipeline);
  }
  return {
    asOf: now.toISOString(),
    totals: {
      projects: keys.length,
      byBand,
      averageHealth: scored > 0 ? round1(healthSum / scored) : null,
      awaitingReply,
      overdueIssues,
      openRecommendations,
      openPipeline: sumAmounts(pipeline),
    },
    page: { offset: page.offset, limit: page.limit, total: keys.length },
    projects: keys
      .slice(page.offset, page.offset + page.limit)
      .map((k) => toPortfolioRow(k.project, k.facts, now)),
  };
}
