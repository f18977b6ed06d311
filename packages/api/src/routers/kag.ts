import { z } from 'zod';
import { ApiError } from '@keel/core/errors';
import { decodeEventCursor, listProjectEvents } from '@keel/db/queries/kag-events';
import {
  listKagRecommendations,
  listKagScores,
  listKagSignals,
  listScoreHistory,
} from '@keel/db/queries/kag-signals';
import { KAG_EVENT_KINDS, KAG_EVENT_SOURCES, SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { trendPerDay } from '@keel/intelligence/kag/scoring';
import { runKagRecommendationRefresh } from '@keel/intelligence/kag/refresh';
import { auditAs } from '@keel/app/audit';
import { projectProcedure, projectWriteProcedure, router } from '../trpc.ts';

/** Intelligence v1 (`/kag/*`, the seed's legacy prefix): refresh, signals, scores, recommendations, events. */
const tags = ['Intelligence'];
const limit = z.coerce.number().int().min(1).max(200).default(50);
const iso = z.string();
const evidence = z.array(
  z.object({
    table: z.string(),
    id: z.string(),
    label: z.string().optional(),
    occurredAt: z.string().optional(),
    weight: z.number().optional(),
  }),
);
const DAY_MS = 86_400_000;

export const kagRouter = router({
  refresh: projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/kag/refresh',
        summary: 'Run the intelligence pipeline for the active project now',
        tags,
      },
    })
    .input(z.object({}).default({}))
    .output(
      z.object({
        configVersion: z.string(),
        asOf: iso,
        events: z.object({ read: z.number(), inserted: z.number() }),
        signals: z.object({
          active: z.number(),
          appeared: z.number(),
          changed: z.number(),
          resolved: z.number(),
        }),
        health: z.number(),
        risk: z.number(),
        recommendations: z.object({ open: z.number(), created: z.number(), closed: z.number() }),
      }),
    )
    .mutation(async ({ ctx }) => {
      const { db, clock, bus } = ctx.deps;
      const r = await runKagRecommendationRefresh(db, ctx.project, { clock, bus });
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'kag.refresh',
        payload: { signals: r.signals.active, health: r.health, eventsInserted: r.events.inserted },
      });
      return r;
    }),

  signals: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/kag/signals',
        summary: 'Current signals of the project, strongest first',
        tags,
      },
    })
    .input(
      z.object({
        category: z.enum(SIGNAL_CATEGORIES).optional(),
        minSeverity: z.coerce.number().min(0).max(1).optional(),
        limit,
      }),
    )
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            key: z.string(),
            category: z.enum(SIGNAL_CATEGORIES),
            subjectKey: z.string(),
            severity: z.number(),
            value: z.number().nullable(),
            title: z.string(),
            sentence: z.string(),
            evidence,
            firstDetectedAt: iso,
            configVersion: z.string(),
            asOf: iso,
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listKagSignals(ctx.deps.db, ctx.project, {
        limit: input.limit,
        ...(input.category ? { category: input.category } : {}),
        ...(input.minSeverity !== undefined ? { minSeverity: input.minSeverity } : {}),
      });
      return {
        items: rows.map((s) => ({
          ...s,
          firstDetectedAt: s.firstDetectedAt.toISOString(),
          asOf: s.asOf.toISOString(),
        })),
      };
    }),

  scores: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/kag/scores',
        summary: 'Health and risk of the project, with why and the 7-day trend',
        tags,
      },
    })
    .input(z.object({}).default({}))
    .output(
      z.object({
        items: z.array(
          z.object({
            scoreType: z.enum(['health', 'risk']),
            value: z.number(),
            components: z.array(
              z.object({
                category: z.string(),
                weight: z.number(),
                value: z.number(),
                contribution: z.number(),
              }),
            ),
            topContributors: z.array(
              z.object({
                signalKey: z.string(),
                subjectKey: z.string(),
                severity: z.number(),
                share: z.number(),
              }),
            ),
            /** Points per day over the last 7 days; null while there is too little history. */
            trend7d: z.number().nullable(),
            configVersion: z.string(),
            asOf: iso,
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const { db, clock } = ctx.deps;
      const now = clock.now();
      const [scores, history] = await Promise.all([
        listKagScores(db, ctx.project),
        listScoreHistory(db, ctx.project, new Date(now.getTime() - 8 * DAY_MS)),
      ]);
      return {
        items: scores.map(({ id: _id, ...s }) => ({
          ...s,
          trend7d: trendPerDay(
            history.filter((h) => h.scoreType === s.scoreType),
            now,
          ),
          asOf: s.asOf.toISOString(),
        })),
      };
    }),

  recommendations: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/kag/recommendations',
        summary: 'Recommendations v1 of the project, by priority',
        tags,
      },
    })
    .input(z.object({ status: z.enum(['open', 'done', 'dismissed']).optional(), limit }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            ruleKey: z.string(),
            subjectKey: z.string(),
            title: z.string(),
            body: z.string(),
            priority: z.number(),
            status: z.enum(['open', 'done', 'dismissed']),
            signalKeys: z.array(z.string()),
            evidence,
            configVersion: z.string(),
            asOf: iso,
            createdAt: iso,
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listKagRecommendations(ctx.deps.db, ctx.project, {
        limit: input.limit,
        ...(input.status ? { status: input.status } : {}),
      });
      return {
        items: rows.map((r) => ({ ...r, asOf: r.asOf.toISOString(), createdAt: r.createdAt.toISOString() })),
      };
    }),

  events: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/kag/events',
        summary: 'Typed intelligence events of the project, newest first',
        tags,
      },
    })
    .input(
      z.object({
        kind: z.enum(KAG_EVENT_KINDS).optional(),
        source: z.enum(KAG_EVENT_SOURCES).optional(),
        limit,
        cursor: z.string().max(300).optional(),
      }),
    )
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.enum(KAG_EVENT_KINDS),
            source: z.enum(KAG_EVENT_SOURCES),
            sourceRef: z.string(),
            occurredAt: iso,
            actor: z.string().nullable(),
            actorRef: z.string().nullable(),
            /** Kind-specific details (message text, issue identifier, deal stage …). */
            payload: z.record(z.string(), z.unknown()),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      let cursor = null;
      if (input.cursor) {
        cursor = decodeEventCursor(input.cursor);
        if (!cursor)
          throw new ApiError(
            'bad_request',
            'cursor is not one this API issued; pass nextCursor from the previous page',
          );
      }
      const r = await listProjectEvents(ctx.deps.db, ctx.project, {
        limit: input.limit,
        cursor,
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.source ? { source: input.source } : {}),
      });
      return {
        items: r.items.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
        nextCursor: r.nextCursor,
      };
    }),
});
