import { pageOf, readCursor, scoreUuidCursor } from '@keel/core/cursor';
import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import { canWriteProject } from '@keel/core/policy';
import type { ProjectScope } from '@keel/core/scope';
import { loadProjectProfile } from '@keel/db/queries/kag-ingest';
import { listKagScores } from '@keel/db/queries/kag-signals';
import {
  closeVanishedRecommendations,
  listLatestForecasts,
  listRecentlyClosedSubjects,
  listRecommendationsV2Rows,
  listTypeFeedback,
  resolveEvidenceTargets,
  type RecommendationV2Row,
  upsertRecommendationsV2,
} from '@keel/db/queries/recommendations-v2';
import type { RecommendationStatus } from '@keel/db/schema/kag-v2';
import { DAY_MS } from '@keel/intelligence/kag/math';
import { RECOMMENDATIONS_V2_CONFIG } from '@keel/intelligence/kag/recommendations-v2/config';
import { generateRecommendationsV2FromInputs } from '@keel/intelligence/kag/recommendations-v2/generate';
import { learnTypeWeights } from '@keel/intelligence/kag/recommendations-v2/weights';
import { loadProjectFacts } from '@keel/intelligence/kag/refresh';
import { projectLocale } from '@keel/intelligence/kag/templates/render';
import { detectSignals } from '@keel/intelligence/kag/signals';
import { type AuditActor, audit } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';
import { projectAccessOf } from './recommendation-access.ts';

/** recommendations-v2.js: refresh (a step of the kag pipeline) and the ranked list. */

export type RecommendationsV2RefreshResult = {
  configVersion: string;
  asOf: string;
  candidates: number;
  published: number;
  suppressed: number;
  created: number;
  closed: number;
  held: number;
};

/**
 * Loads the project's signals (the same detectors over the current facts), scores, newest
 * forecasts and the workspace's learned weights → generates → upserts one open row per
 * (type, subject) → closes rows whose subject vanished → audits and publishes.
 */
export async function refreshRecommendationsV2(
  deps: Pick<AppDeps, 'db' | 'clock' | 'bus'>,
  scope: ProjectScope,
  who: AuditActor,
): Promise<RecommendationsV2RefreshResult> {
  const { db, clock, bus } = deps;
  const now = clock.now();
  const hold = RECOMMENDATIONS_V2_CONFIG.holdClosedDays;
  const [facts, profile, scores, forecasts, feedback, closed] = await Promise.all([
    loadProjectFacts(db, scope, now),
    loadProjectProfile(db, scope),
    listKagScores(db, scope),
    listLatestForecasts(db, scope),
    listTypeFeedback(db, scope.accountScopeId),
    listRecentlyClosedSubjects(db, scope, {
      dismissed: new Date(now.getTime() - hold.dismissed * DAY_MS),
      done: new Date(now.getTime() - hold.done * DAY_MS),
    }),
  ]);
  const score = (t: 'health' | 'risk') => scores.find((s) => s.scoreType === t)?.value ?? null;
  const candidates = generateRecommendationsV2FromInputs({
    signals: detectSignals({ facts, now }),
    scores: { health: score('health'), risk: score('risk') },
    forecasts,
    typeWeights: learnTypeWeights(feedback),
    now,
    locale: projectLocale(
      profile?.settings?.locale,
      facts.messages.filter((m) => m.actor === 'client').map((m) => m.text),
    ),
  });
  const closedKeys = new Set(closed.map((c) => `${c.type}\u0000${c.subjectKey}`));
  const live = candidates.filter((c) => !closedKeys.has(`${c.type}\u0000${c.subjectKey}`));

  const written = await db.transaction(async (tx) => {
    const upserted = await upsertRecommendationsV2(
      tx,
      scope,
      live.map(({ locale: _l, typeWeight: _w, ...c }) => c),
    );
    const vanished = await closeVanishedRecommendations(tx, scope, live, now);
    return { upserted, vanished };
  });
  const created = written.upserted.filter((r) => r.inserted && r.status === 'new').length;
  const result: RecommendationsV2RefreshResult = {
    configVersion: RECOMMENDATIONS_V2_CONFIG.version,
    asOf: now.toISOString(),
    candidates: candidates.length,
    published: written.upserted.filter((r) => r.status !== 'suppressed').length,
    suppressed: written.upserted.filter((r) => r.status === 'suppressed').length,
    created,
    closed: written.vanished.length,
    held: candidates.length - live.length,
  };
  await audit(db, who, {
    projectId: scope.projectId,
    action: 'recommendations_v2.refresh',
    payload: { ...result, closedIds: written.vanished.map((v) => v.id) },
  });
  if (created > 0)
    await bus.publish(makeEvent('recommendations.new', scope, { count: created, version: 'v2' }, now));
  if (written.vanished.length > 0)
    await bus.publish(
      makeEvent(
        'recommendations.updated',
        scope,
        { ids: written.vanished.map((v) => v.id), status: 'done' },
        now,
      ),
    );
  return result;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type EvidenceTargets = Awaited<ReturnType<typeof resolveEvidenceTargets>>;

export function toRecommendationV2Out(
  r: RecommendationV2Row,
  projectName: string,
  canAct: boolean,
  targets: EvidenceTargets = new Map(),
) {
  return {
    ...r,
    evidence: r.evidence.map((e) => {
      const target = targets.get(`${e.table}:${e.id}`);
      return target ? { ...e, target } : e;
    }),
    projectName,
    canAct,
    snoozedUntil: iso(r.snoozedUntil),
    firstShownAt: iso(r.firstShownAt),
    statusChangedAt: iso(r.statusChangedAt),
    asOf: r.asOf.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

type ListInput = {
  projectId?: string | undefined;
  type?: string | undefined;
  status: 'open' | RecommendationStatus;
  limit: number;
  cursor?: string | undefined;
};

/**
 * The ranked queue over the caller's projects (or one of them): by priority, paged by
 * (priority, id). Suppressed rows only from projects the caller owns.
 *
 * Kept in the read cache per caller and page (the projects one sees and one's role on each shape
 * every row), emptied by any event of the workspace: every status move, feedback, action and
 * refresh publishes one, and publishing empties this process's entries before the caller is
 * answered (deps.ts), so whoever acted reads the change in the next request. What changes
 * without an event — a snoozed row whose time has come — shows within the cache's TTL.
 */
export async function listRecommendationsV2(
  deps: Pick<AppDeps, 'db' | 'clock'> & Partial<Pick<AppDeps, 'readCache'>>,
  auth: AuthIdentity,
  input: ListInput,
) {
  if (!deps.readCache) return computeRecommendationsV2(deps, auth, input);
  const key = [
    'recommendations-v2',
    auth.userId,
    auth.workspaceRole,
    auth.keyProjectIds?.join(',') ?? '*',
    auth.keyReadOnly ? 'ro' : 'rw',
    input.projectId ?? '*',
    input.type ?? '*',
    input.status,
    input.limit,
    input.cursor ?? '',
  ].join('\u0000');
  return deps.readCache.get(auth.accountScopeId, key, () => computeRecommendationsV2(deps, auth, input));
}

async function computeRecommendationsV2(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  auth: AuthIdentity,
  input: ListInput,
) {
  const cursor = readCursor(input.cursor, scoreUuidCursor);
  const access = await projectAccessOf(deps.db, auth);
  if (input.projectId && !access.has(input.projectId))
    throw new ApiError('not_found', 'No such project among yours; GET /projects lists the ones you can see.');
  const projectIds = input.projectId ? [input.projectId] : [...access.keys()];
  const rows = await listRecommendationsV2Rows(deps.db, auth.accountScopeId, {
    projectIds,
    suppressedProjectIds: projectIds.filter((id) => access.get(id)?.role === 'owner'),
    type: input.type,
    status: input.status,
    now: deps.clock.now(),
    cursor,
    limit: input.limit,
  });
  const page = pageOf(rows, input.limit, (r) => ({ p: r.priority, id: r.id }));
  const targets = await resolveEvidenceTargets(
    deps.db,
    auth.accountScopeId,
    page.items.flatMap((r) => r.evidence),
  );
  return {
    items: page.items.map((r) => {
      const a = access.get(r.projectId);
      return toRecommendationV2Out(r, a?.name ?? '', canWriteProject(a?.role ?? null), targets);
    }),
    nextCursor: page.nextCursor,
  };
}
