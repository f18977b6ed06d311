import { z } from 'zod';
import { getConnectorsOverview, listConnectorErrorsView } from '@keel/connectors/connector-status';
import { retryDueConnectorErrors } from '@keel/connectors/connector-sync';
import { testConnectorConnection } from '@keel/connectors/connection-test';
import { listConnectorCredentials, saveConnectorCredential } from '@keel/connectors/credentials';
import { getLatestReconciliation, runReconciliation } from '@keel/connectors/reconciliation';
import {
  listProjectSources,
  resolveProjectSourceBinding,
  unbindProjectSource,
} from '@keel/connectors/sources';
import {
  CONNECTOR_ERROR_STATUSES,
  CONNECTOR_SYNC_STATUSES,
  CONNECTORS,
  SOURCE_KINDS,
} from '@keel/db/schema/connectors';
import { auditAs } from '@keel/app/audit';
import { syncAllNow, syncConnectorNow, syncDepsOf } from '@keel/app/services/connector-sync';
import { projectProcedure, projectWriteProcedure, router } from '../trpc.ts';

const syncName = z.enum(['chatwoot', 'linear', 'attio']);
const anyConnector = z.enum(CONNECTORS);
const stats = z.record(
  z.string(),
  z.object({ fetched: z.number(), written: z.number(), pages: z.number(), failed: z.number() }),
);
export const runResultOut = z.object({
  connector: syncName,
  status: z.enum(['ok', 'partial', 'failed', 'skipped', 'busy']),
  reason: z.string().optional(),
  resources: stats,
  errorsRegistered: z.number(),
  errorsResolved: z.number(),
  durationMs: z.number(),
});
const time = z.iso.datetime();
const syncMode = z.enum(['incremental', 'full']);

const connectorStateOut = z.object({
  connector: anyConnector,
  configured: z.boolean(),
  status: z.enum(CONNECTOR_SYNC_STATUSES),
  mode: syncMode.nullable(),
  lastStartedAt: time.nullable(),
  lastFinishedAt: time.nullable(),
  lastSuccessAt: time.nullable(),
  durationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number(),
  /** The last run's counters, `resource.measure` → n (e.g. `messages.written`). */
  counts: z.record(z.string(), z.number()),
  openErrors: z.number(),
});

const connectorErrorOut = z.object({
  id: z.string(),
  connector: anyConnector,
  operation: z.string(),
  /** The dedupe key: what a retry redoes. */
  unit: z.string(),
  sourceRef: z.string().nullable(),
  errorKind: z.string(),
  errorMessage: z.string(),
  httpStatus: z.number().nullable(),
  status: z.enum(CONNECTOR_ERROR_STATUSES),
  attempts: z.number(),
  nextRetryAt: time.nullable(),
  lastAttemptAt: time.nullable(),
  resolvedAt: time.nullable(),
  createdAt: time,
});

const credentialOut = z.object({
  connector: anyConnector,
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  accountId: z.string().nullable(),
  lastVerifiedAt: time.nullable(),
  updatedAt: time,
});

const reconciliationOut = z.object({
  at: time,
  differences: z.number(),
  connectors: z.array(
    z.object({
      connector: syncName,
      status: z.enum(['ok', 'skipped', 'failed']),
      error: z.string().nullable(),
      resources: z.array(
        z.object({
          resource: z.string(),
          /** Ids at the source and in Keel. */
          source: z.number(),
          keel: z.number(),
          /** At the source, not in Keel (first 20). */
          missing: z.array(z.string()),
          /** In Keel for this project, gone at the source (first 20). */
          extra: z.array(z.string()),
          differences: z.number(),
        }),
      ),
    }),
  ),
});

const modeIn = z.object({ mode: syncMode.optional() }).optional();
const tags = ['Connectors'];

export const connectorsRouter = router({
  state: projectProcedure
    .meta({ rest: { method: 'GET', path: '/connectors/state', summary: 'Sync state per connector', tags } })
    .output(z.object({ connectors: z.array(connectorStateOut) }))
    .query(async ({ ctx }) => ({
      connectors: await getConnectorsOverview(ctx.deps.db, ctx.project, ctx.deps),
    })),

  errors: projectProcedure
    .meta({
      rest: { method: 'GET', path: '/connectors/errors', summary: 'Connector errors (dead letters)', tags },
    })
    .input(
      z.object({
        connector: anyConnector.optional(),
        status: z.enum(['pending', 'retrying', 'resolved', 'dead']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    )
    .output(z.object({ errors: z.array(connectorErrorOut) }))
    .query(async ({ ctx, input }) => ({
      errors: await listConnectorErrorsView(ctx.deps.db, ctx.project, input),
    })),

  syncAll: projectWriteProcedure
    .meta({ rest: { method: 'POST', path: '/connectors/sync', summary: 'Sync all connectors', tags } })
    .input(modeIn)
    .output(z.object({ results: z.array(runResultOut) }))
    .mutation(async ({ ctx, input }) => {
      const results = await syncAllNow(ctx, ctx.project, input?.mode ?? 'incremental');
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'connectors.sync',
        entityType: 'connector',
        entityId: 'all',
        payload: { statuses: results.map((r) => `${r.connector}:${r.status}`) },
      });
      return { results };
    }),

  sync: projectWriteProcedure
    .meta({ rest: { method: 'POST', path: '/connectors/:name/sync', summary: 'Sync one connector', tags } })
    .input(z.object({ name: syncName, mode: z.enum(['incremental', 'full']).optional() }))
    .output(runResultOut)
    .mutation(async ({ ctx, input }) => {
      const result = await syncConnectorNow(ctx, ctx.project, input.name, input.mode ?? 'incremental');
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'connectors.sync',
        entityType: 'connector',
        entityId: input.name,
        payload: { status: result.status },
      });
      return result;
    }),

  retryErrors: projectWriteProcedure
    .meta({
      rest: { method: 'POST', path: '/connectors/errors/retry', summary: 'Retry due connector errors', tags },
    })
    .input(z.object({ limit: z.number().int().min(1).max(500).optional() }).optional())
    .output(
      z.object({
        retried: z.array(z.object({ connector: syncName, units: z.array(z.string()), result: runResultOut })),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const retried = await retryDueConnectorErrors(ctx.deps.db, ctx.project, syncDepsOf(ctx), {
        limit: input?.limit ?? 200,
      });
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'connectors.errors.retry',
        entityType: 'connector',
        payload: { units: retried.flatMap((r) => r.units).length },
      });
      return { retried };
    }),

  reconciliation: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/connectors/reconciliation',
        summary: 'Latest reconciliation report',
        tags,
      },
    })
    .output(z.object({ report: reconciliationOut.nullable() }))
    .query(async ({ ctx }) => ({ report: await getLatestReconciliation(ctx.deps.db, ctx.project) })),

  runReconciliation: projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/connectors/reconciliation/run',
        summary: 'Compare Keel with the sources',
        tags,
      },
    })
    .input(
      z
        .object({ messages: z.union([z.literal('all'), z.number().int().min(0).max(10_000)]).optional() })
        .optional(),
    )
    .output(z.object({ report: reconciliationOut }))
    .mutation(async ({ ctx, input }) => {
      const report = await runReconciliation(ctx.deps.db, ctx.project, syncDepsOf(ctx), {
        messages: input?.messages ?? 10,
      });
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'connectors.reconciliation.run',
        entityType: 'connector',
        payload: { differences: report.differences },
      });
      return { report };
    }),

  credentials: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/connectors/credentials',
        summary: 'Which connectors have credentials (never the secrets)',
        tags,
      },
    })
    .output(z.object({ credentials: z.array(credentialOut) }))
    .query(async ({ ctx }) => ({
      credentials: await listConnectorCredentials(ctx.deps.db, ctx.project.accountScopeId),
    })),

  setCredentials: projectWriteProcedure
    .meta({
      rest: {
        method: 'PUT',
        path: '/connectors/:name/credentials',
        summary: 'Store a connector token (encrypted)',
        tags,
      },
    })
    .input(
      z.object({
        name: anyConnector,
        token: z.string().trim().min(8).max(4096),
        baseUrl: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .optional(),
        accountId: z
          .string()
          .regex(/^\d{1,12}$/, 'accountId is the Chatwoot account number')
          .optional(),
      }),
    )
    .output(
      z.object({
        connector: anyConnector,
        configured: z.literal(true),
        config: z.object({ baseUrl: z.string(), accountId: z.string().optional() }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const saved = await saveConnectorCredential(
        ctx.deps.db,
        ctx.deps.secrets,
        ctx.project.accountScopeId,
        input.name,
        input,
        ctx.deps.clock.now(),
      );
      await auditAs(ctx, {
        action: 'connectors.credentials.set',
        entityType: 'connector',
        entityId: input.name,
        payload: { baseUrl: saved.config.baseUrl ?? null },
      });
      const { baseUrl, accountId } = saved.config;
      return {
        connector: input.name,
        configured: true as const,
        config: {
          baseUrl: String(baseUrl),
          ...(typeof accountId === 'string' ? { accountId } : {}),
        },
      };
    }),

  test: projectWriteProcedure
    .meta({
      rest: { method: 'POST', path: '/connectors/:name/test', summary: 'Check the stored credentials', tags },
    })
    .input(z.object({ name: anyConnector }))
    .output(
      z.object({
        connector: anyConnector,
        ok: z.boolean(),
        account: z.string().nullable(),
        error: z.string().nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      testConnectorConnection(ctx.deps.db, ctx.project.accountScopeId, input.name, syncDepsOf(ctx)),
    ),

  sources: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/connectors/sources',
        summary: 'Sources bound to the active project',
        tags,
      },
    })
    .output(
      z.object({
        sources: z.array(
          z.object({
            sourceKind: z.enum(SOURCE_KINDS),
            externalId: z.string(),
            /** What the binder attached (names, labels): free-form by design. */
            meta: z.record(z.string(), z.unknown()),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => ({
      sources: (await listProjectSources(ctx.deps.db, ctx.project)).map((s) => ({
        sourceKind: s.sourceKind,
        externalId: s.externalId,
        meta: s.meta,
      })),
    })),

  bindSource: projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/connectors/sources',
        summary: 'Bind an inbox, team, project, company or deal to the active project',
        tags,
      },
    })
    .input(
      z.object({
        sourceKind: z.enum(SOURCE_KINDS),
        externalId: z.string().trim().min(1).max(200),
        meta: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .output(z.object({ sourceKind: z.enum(SOURCE_KINDS), externalId: z.string(), projectId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const b = await resolveProjectSourceBinding(
        ctx.deps.db,
        ctx.project,
        input.sourceKind,
        input.externalId,
        input.meta ?? {},
        ctx.deps.clock.now(),
      );
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'connectors.sources.bind',
        entityType: input.sourceKind,
        entityId: input.externalId,
      });
      return { sourceKind: b.sourceKind, externalId: b.externalId, projectId: b.projectId };
    }),

  unbindSource: projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/connectors/sources/unbind',
        summary: 'Unbind a source from the active project',
        tags,
      },
    })
    .input(z.object({ sourceKind: z.enum(SOURCE_KINDS), externalId: z.string().trim().min(1).max(200) }))
    .output(z.object({ removed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await unbindProjectSource(ctx.deps.db, ctx.project, input.sourceKind, input.externalId);
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'connectors.sources.unbind',
        entityType: input.sourceKind,
        entityId: input.externalId,
      });
      return { removed };
    }),
});
