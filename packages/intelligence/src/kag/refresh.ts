import type { Clock } from '@keel/core/clock';
import { type EventBus, makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import {
  type KagScope,
  loadActivities,
  loadCycles,
  loadDeals,
  loadIssues,
  loadMessageEvents,
  loadConversations,
  loadProjectProfile,
} from '@keel/db/queries/kag-ingest';
import {
  listCurrentSignals,
  writeRecommendations,
  writeScores,
  writeSignalSet,
} from '@keel/db/queries/kag-signals';
import { writeHealthScore } from '@keel/db/queries/health-scores';
import { failProcessRun, finishProcessRun, startProcessRun } from '@keel/db/queries/process-log';
import { storedHealthBand } from '../portfolio/overview.ts';
import { safeTimezone } from './business-hours.ts';
import { KAG_CONFIG } from './config.ts';
import { toConversationFacts, toDealFacts, toIssueFacts, toMessageFacts } from './facts.ts';
import { type IngestMode, ingestProject } from './ingest.ts';
import { DAY_MS } from './math.ts';
import { recommend } from './recommendations.ts';
import { computeScores } from './scoring.ts';
import { diffSignals } from './signal-diff.ts';
import { detectSignals } from './signals.ts';
import type { DetectedSignal, ProjectFacts } from './types.ts';

/**
 * The seed's kag.js orchestration, v1 half: ingest → signals → scores → recommendations for
 * one project. Ingest commits per source; the computed half (signals, scores, recommendations)
 * is written in one transaction so readers never see scores of a signal set that is not there.
 *
 *   const r = await runKagRecommendationRefresh(db, scope, { clock, bus });
 */
export type KagRefreshContext = { clock: Clock; bus: EventBus };

export type KagRefreshResult = {
  configVersion: string;
  asOf: string;
  events: { read: number; inserted: number };
  signals: { active: number; appeared: number; changed: number; resolved: number };
  health: number;
  risk: number;
  recommendations: { open: number; created: number; closed: number };
};

/**
 * Loads what the detectors read. Today's refresh reads the trailing message window and the open
 * conversations; a history rebuild (`history: { from }`) reads everything from `from` on and
 * every conversation, then cuts each past day with `factsAsOf` (kag/history/as-of.ts).
 */
export async function loadProjectFacts(
  db: Database,
  scope: KagScope,
  now: Date,
  history?: { from: Date },
): Promise<ProjectFacts> {
  const project = await loadProjectProfile(db, scope);
  const from = history?.from ?? new Date(now.getTime() - KAG_CONFIG.windows.messageHistoryDays * DAY_MS);
  const [messages, conversations, issues, cycles, deals, activities] = await Promise.all([
    loadMessageEvents(db, scope, from),
    loadConversations(db, scope, { all: history !== undefined }),
    loadIssues(db, scope),
    loadCycles(db, scope),
    loadDeals(db, scope),
    loadActivities(db, scope, { from }),
  ]);
  const settings = project?.settings ?? {};
  return {
    projectName: project?.name ?? 'the project',
    clientName: project?.clientName ?? null,
    timezone: safeTimezone(typeof settings.timezone === 'string' ? settings.timezone : null),
    messages: toMessageFacts(messages).filter((m) => m.at <= now),
    conversations: toConversationFacts(conversations),
    issues: toIssueFacts(issues),
    cycles: cycles.map((c) => ({
      rowId: c.id,
      cycleId: c.linearCycleId,
      number: c.number,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      completedAt: c.completedAt,
    })),
    deals: toDealFacts(deals),
    activities: activities.flatMap((a) => {
      const at = a.occurredAt ?? a.createdAtSource;
      return at && at <= now ? [{ rowId: a.id, kind: a.kind, at }] : [];
    }),
  };
}

const toWrite = (s: DetectedSignal) => ({
  key: s.key,
  category: s.category,
  subjectKey: s.subjectKey,
  severity: s.severity,
  value: s.value,
  title: s.title,
  sentence: s.sentence,
  evidence: s.evidence,
  configVersion: s.configVersion,
  asOf: s.asOf,
});

export async function runKagRecommendationRefresh(
  db: Database,
  scope: KagScope,
  ctx: KagRefreshContext,
  options: { ingest?: IngestMode } = {},
): Promise<KagRefreshResult> {
  const now = ctx.clock.now();
  const run = await startProcessRun(db, scope, 'kag.refresh', {
    now,
    meta: { configVersion: KAG_CONFIG.version },
  });
  try {
    const ingest = await ingestProject(db, scope, now, options.ingest);
    const facts = await loadProjectFacts(db, scope, now);
    const detected = detectSignals({ facts, now });
    const scores = computeScores(detected);
    const recs = recommend(detected);

    const written = await db.transaction(async (tx) => {
      const diff = diffSignals(await listCurrentSignals(tx, scope), detected);
      const history = [
        ...diff.appeared.map((s) => ({ ...toWrite(s), change: 'appeared' as const })),
        ...diff.changed.map((s) => ({ ...toWrite(s), change: 'changed' as const })),
        ...diff.resolved.map((s) => ({
          key: s.key,
          category: s.category,
          subjectKey: s.subjectKey,
          severity: s.severity,
          value: null,
          title: '',
          sentence: 'resolved',
          evidence: [],
          configVersion: KAG_CONFIG.version,
          asOf: now,
          change: 'resolved' as const,
        })),
      ];
      await writeSignalSet(
        tx,
        scope,
        detected.map(toWrite),
        diff.resolved.map((s) => s.id),
        history,
      );
      const base = {
        components: scores.components,
        topContributors: scores.topContributors,
        configVersion: scores.configVersion,
        asOf: now,
      };
      await writeScores(tx, scope, [
        { scoreType: 'health', value: scores.health, ...base },
        { scoreType: 'risk', value: scores.risk, ...base },
      ]);
      await writeHealthScore(tx, scope, {
        score: scores.health,
        band: storedHealthBand(scores.health),
        components: scores.components,
        topContributors: scores.topContributors,
        configVersion: scores.configVersion,
        asOf: now,
      });
      const r = await writeRecommendations(tx, scope, recs);
      return { diff, recs: r };
    });

    const events = {
      read: ingest.chatwoot.read + ingest.linear.read + ingest.attio.read,
      inserted: ingest.chatwoot.inserted + ingest.linear.inserted + ingest.attio.inserted,
    };
    const result: KagRefreshResult = {
      configVersion: KAG_CONFIG.version,
      asOf: now.toISOString(),
      events,
      signals: {
        active: detected.length,
        appeared: written.diff.appeared.length,
        changed: written.diff.changed.length,
        resolved: written.diff.resolved.length,
      },
      health: scores.health,
      risk: scores.risk,
      recommendations: { open: recs.length, ...written.recs },
    };
    await finishProcessRun(db, run, {
      now: ctx.clock.now(),
      counts: {
        eventsRead: events.read,
        eventsInserted: events.inserted,
        signals: detected.length,
        signalsAppeared: result.signals.appeared,
        signalsResolved: result.signals.resolved,
        recommendationsCreated: written.recs.created,
      },
    });
    await ctx.bus.publish(
      makeEvent(
        'kag.refreshed',
        scope,
        { health: scores.health, risk: scores.risk, signals: detected.length },
        now,
      ),
    );
    if (written.recs.created > 0)
      await ctx.bus.publish(
        makeEvent('recommendations.new', scope, { count: written.recs.created, version: 'v1' }, now),
      );
    return result;
  } catch (error) {
    await failProcessRun(db, run, error instanceof Error ? error.message : String(error), {
      now: ctx.clock.now(),
    });
    throw error;
  }
}
