import type { Database } from '@keel/db/client';
import {
  listPortfolioMessages,
  listPortfolioProjects,
  type PortfolioFactRows,
  readPortfolioFacts,
} from '@keel/db/queries/portfolio';
import { effectiveProjectRole } from '@keel/core/policy';
import { pageOf, readCursor, timeIdCursor } from '@keel/core/cursor';
import {
  buildPortfolioOverview,
  type PortfolioOverview,
  type PortfolioProject,
  type PortfolioSort,
  type ProjectFacts,
} from '@keel/intelligence/portfolio/overview';
import { type FlagRule, type FlagRuleDay, flagToday } from '@keel/intelligence/kag/forecast/flag-rule';
import {
  defaultForecastModel,
  flagRuleLookbackDays,
  flagRuleOf,
} from '@keel/intelligence/kag/forecast/model';
import type { AuthIdentity } from '../identity.ts';
import type { AppDeps } from '../deps.ts';
import type { FactsCache } from './portfolio-cache.ts';

/** portfolio.js: the manager's overview and the newest client messages over their projects. */

const toDate = (v: Date | string | null | undefined) => (v == null ? undefined : new Date(v));

const FLAG_LOOKBACK_DAYS = flagRuleLookbackDays(flagRuleOf(defaultForecastModel()));

/** Folds the grouped fact rows into one record per project. */
export function factsByProject(
  rows: PortfolioFactRows,
  rule: FlagRule = flagRuleOf(defaultForecastModel()),
): Map<string, ProjectFacts> {
  const facts = new Map<string, ProjectFacts>();
  const of = (id: string) => {
    const found = facts.get(id);
    if (found) return found;
    const f: ProjectFacts = {};
    facts.set(id, f);
    return f;
  };
  for (const r of rows.scores) of(r.project_id)[r.score_type] = Number(r.value);
  for (const r of rows.healthWeekAgo) of(r.project_id).healthWeekAgo = Number(r.value);
  for (const r of rows.signals) {
    const f = of(r.project_id);
    f.activeSignals = r.active;
    f.topSignal = { key: r.key, title: r.title, sentence: r.sentence, severity: Number(r.severity) };
  }
  for (const r of rows.recommendations) of(r.project_id).openRecommendations = r.open;
  for (const r of rows.issues)
    Object.assign(of(r.project_id), { openIssues: r.open, overdueIssues: r.overdue });
  for (const r of rows.waiting) {
    const f = of(r.project_id);
    f.awaitingReply = r.awaiting;
    f.oldestWaitingSince = toDate(r.oldest);
  }
  for (const r of rows.lastClientMessage) {
    const at = toDate(r.at);
    if (at) of(r.project_id).lastClientMessageAt = at;
  }
  for (const r of rows.deals) {
    const f = of(r.project_id);
    f.openDeals = (f.openDeals ?? 0) + r.open;
    f.openPipeline = [
      ...(f.openPipeline ?? []),
      { currency: r.currency, amountMinor: Number(r.amount_minor) },
    ];
  }
  // Oldest first per project: the newest row is the column; the sufficient days feed the flag rule.
  const days = new Map<string, { newest: (typeof rows.forecast14d)[number]; p14: FlagRuleDay[] }>();
  for (const r of rows.forecast14d) {
    const d = days.get(r.project_id) ?? { newest: r, p14: [] };
    d.newest = r;
    if (r.data_sufficient)
      d.p14.push({ date: new Date(r.as_of).toISOString().slice(0, 10), p14: Number(r.probability) });
    days.set(r.project_id, d);
  }
  for (const [projectId, d] of days) {
    if (!d.newest.data_sufficient) continue;
    const f = of(projectId);
    f.risk14d = Number(d.newest.probability);
    f.atRisk14d = flagToday(d.p14, rule);
  }
  return facts;
}

/** Projects the caller can see that are not archived, with the caller's role on each. */
async function visibleProjects(db: Database, auth: AuthIdentity): Promise<PortfolioProject[]> {
  const rows = await listPortfolioProjects(db, auth.accountScopeId, auth.userId, auth.workspaceRole);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    clientName: r.client_name,
    status: r.status,
    role: effectiveProjectRole(auth.workspaceRole, r.member_role),
  }));
}

/**
 * The overview of the projects the caller can see. The projects are read fresh; their facts come
 * from the workspace's cache entry (see portfolio-cache.ts), loaded for the whole workspace once
 * and shared by everyone in it until the data changes.
 */
export async function getPortfolioOverview(
  db: Database,
  auth: AuthIdentity,
  now: Date,
  page: { offset: number; limit: number; sort?: PortfolioSort | undefined },
  cache: FactsCache,
): Promise<PortfolioOverview> {
  const [projects, facts] = await Promise.all([
    visibleProjects(db, auth),
    cache.get(auth.accountScopeId, async () =>
      factsByProject(await readPortfolioFacts(db, auth.accountScopeId, now, FLAG_LOOKBACK_DAYS)),
    ),
  ]);
  return buildPortfolioOverview(
    projects,
    facts,
    now,
    { offset: page.offset, limit: page.limit },
    page.sort ?? 'worst',
  );
}

type OverviewPage = { offset: number; limit: number; sort?: PortfolioSort | undefined };

/**
 * The overview as the API serves it: kept in the read cache per caller and page (the projects one
 * sees, one's role on each and a key's project list shape every row), emptied by any event of the
 * workspace and, in the publishing process, before the publisher is answered (deps.ts); at most
 * the cache's TTL otherwise. The control tower reads the uncached overview under its own entry.
 */
export async function getPortfolioOverviewForCaller(
  deps: Pick<AppDeps, 'db' | 'clock' | 'portfolioCache'> & Partial<Pick<AppDeps, 'readCache'>>,
  auth: AuthIdentity,
  page: OverviewPage,
): Promise<PortfolioOverview> {
  const load = () => getPortfolioOverview(deps.db, auth, deps.clock.now(), page, deps.portfolioCache);
  if (!deps.readCache) return load();
  const key = [
    'portfolio-overview',
    auth.userId,
    auth.workspaceRole,
    auth.keyProjectIds?.join(',') ?? '*',
    page.offset,
    page.limit,
    page.sort ?? 'worst',
  ].join('\u0000');
  return deps.readCache.get(auth.accountScopeId, key, load);
}

export type PortfolioMessage = {
  projectId: string;
  projectName: string;
  conversationId: number;
  messageId: number;
  senderName: string | null;
  excerpt: string;
  createdAt: string;
  awaitingReply: boolean;
};

export async function getPortfolioMessages(
  db: Database,
  auth: AuthIdentity,
  input: { limit: number; awaitingOnly: boolean; cursor?: string | undefined },
): Promise<{ items: PortfolioMessage[]; nextCursor: string | null }> {
  const cursor = readCursor(input.cursor, timeIdCursor);
  const projects = await visibleProjects(db, auth);
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const rows = await listPortfolioMessages(
    db,
    auth.accountScopeId,
    projects.map((p) => p.id),
    { limit: input.limit, awaitingOnly: input.awaitingOnly, cursor },
  );
  const items = rows.map((r) => ({
    projectId: r.project_id,
    projectName: names.get(r.project_id) ?? '',
    conversationId: Number(r.cw_conversation_id),
    messageId: Number(r.cw_message_id),
    senderName: r.sender_name,
    excerpt: r.content ?? '',
    createdAt: new Date(r.created_at_source).toISOString(),
    awaitingReply: r.waiting_since !== null,
  }));
  return pageOf(items, input.limit, (m) => ({ t: m.createdAt, id: m.messageId }));
}
