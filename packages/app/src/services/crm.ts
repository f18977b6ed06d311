import { createHash } from 'node:crypto';
import type { AttioCrmWriter } from '@keel/connectors/actions/vendor-actions';
import { ConnectorError } from '@keel/connectors/errors';
import { pageOf, readCursor, timeUuidCursor } from '@keel/core/cursor';
import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import { upsertCrmAccounts, upsertCrmOpportunities } from '@keel/db/queries/connectors-attio';
import {
  type CrmOpportunityView,
  crmIdByExternalRef,
  distinctStages,
  getCrmAccount,
  getCrmOpportunity,
  insertManualOnce,
  listAllCrmOpportunities,
  listCrmAccounts as listAccountRows,
  listCrmOpportunities as listOpportunityRows,
  setOpportunityStage,
} from '@keel/db/queries/crm';
import { CRM_CONFIG } from '@keel/intelligence/crm/config';
import { computeCrmOverview } from '@keel/intelligence/crm/overview';
import { checkStage, stageTransition, statusOfStage } from '@keel/intelligence/crm/stages';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * CRM (seed: the `/crm/*` endpoints). Reads come from the mirror the Attio sync keeps. Writes go
 * to Attio first when the workspace has it connected — an assert on Keel's idempotency key, so a
 * retry never makes a second record — and then to the mirror under the record's id, the key the
 * sync upserts on, so the next sync updates the same row instead of adding one. Without Attio the
 * rows are Keel's own (`source = 'manual'`).
 */
type Deps = Actor<'clock' | 'bus' | 'vendorActions'>;
type ReadDeps = Pick<AppDeps, 'db' | 'clock'>;
type Page = { limit: number; cursor?: string | undefined };

export type AccountInput = {
  name: string;
  domain?: string | null | undefined;
  idempotencyKey?: string | undefined;
};
export type OpportunityInput = {
  title: string;
  stage?: string | undefined;
  amountMinor: number;
  currency: string;
  crmAccountId?: string | null | undefined;
  expectedCloseDate?: string | null | undefined;
  idempotencyKey?: string | undefined;
};

/**
 * The key Attio matches retries on: the caller's idempotency key, or (when it sent none) the
 * request's content, so the same create sent twice is one record.
 */
function keelRef(scope: ProjectScope, kind: string, key: string | undefined, content: unknown[]): string {
  const basis = key ?? JSON.stringify(content);
  return `keel:${kind}:${createHash('sha256').update(`${scope.projectId}\u0000${basis}`).digest('hex').slice(0, 32)}`;
}

/** A vendor failure in the user's terms: Attio refusing is a 422 with its reason, Attio down a 502. */
function attioFailure(error: unknown, what: string): never {
  if (error instanceof ConnectorError) {
    if (error.status !== null && error.status >= 400 && error.status < 500 && error.kind === 'http') {
      throw new ApiError('unprocessable', `Attio refused to ${what}: ${error.message}`);
    }
    throw new ApiError(
      'upstream_error',
      `Attio could not be reached to ${what} (${error.kind}); nothing changed in Keel, retry in a moment.`,
    );
  }
  throw error;
}

async function writer(actor: Deps, scope: ProjectScope): Promise<AttioCrmWriter | null> {
  return actor.deps.vendorActions.attio(actor.deps.db, scope);
}

async function publish(
  actor: Deps,
  scope: ProjectScope,
  data: { entity: 'account' | 'opportunity'; id: string; stage: string | null; source: 'attio' | 'manual' },
) {
  await actor.deps.bus.publish(makeEvent('crm.changed', scope, data, actor.deps.clock.now()));
}

// ---------------------------------------------------------------- accounts

export async function listCrmAccounts(deps: ReadDeps, scope: ProjectScope, p: Page) {
  const after = readCursor(p.cursor, timeUuidCursor);
  const rows = await listAccountRows(deps.db, scope, { limit: p.limit, after });
  return pageOf(rows, p.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
}

export async function createCrmAccount(actor: Deps, scope: ProjectScope, input: AccountInput) {
  const now = actor.deps.clock.now();
  const domain = input.domain?.trim().toLowerCase() || null;
  const ref = keelRef(scope, 'account', input.idempotencyKey, [input.name.trim(), domain]);
  const attio = await writer(actor, scope);
  let id: string | null;
  if (attio) {
    const row = await attio
      .assertCompany({ keelRef: ref, name: input.name.trim(), domain })
      .catch((e) => attioFailure(e, 'create the company'));
    const recordId = row.externalRef ?? '';
    // The sync reads bound companies only: binding it is what makes the next sync see this record.
    await attio.bind('attio_company', recordId, now);
    await upsertCrmAccounts(actor.deps.db, [
      { ...row, projectId: scope.projectId, meta: { ...row.meta, keelRef: ref } },
    ]);
    id = await crmIdByExternalRef(actor.deps.db, scope.accountScopeId, 'accounts', recordId);
  } else {
    id = await insertManualOnce(actor.deps.db, scope, ref, {
      account: {
        accountScopeId: scope.accountScopeId,
        projectId: scope.projectId,
        source: 'manual',
        externalRef: null,
        name: input.name.trim(),
        domain,
        status: 'active',
        meta: { keelRef: ref },
        createdAt: now,
        updatedAt: now,
      },
    });
  }
  const account = id ? await getCrmAccount(actor.deps.db, scope, id) : null;
  if (!account) throw new ApiError('conflict', 'The account was written but is not in this project; reload.');
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'crm.account.create',
    entityType: 'crm_account',
    entityId: account.id,
    payload: { source: account.source, externalRef: account.externalRef, keelRef: ref },
  });
  await publish(actor, scope, { entity: 'account', id: account.id, stage: null, source: account.source });
  return account;
}

// ----------------------------------------------------------- opportunities

export async function listCrmOpportunities(
  deps: ReadDeps,
  scope: ProjectScope,
  p: Page & { stage?: string | undefined },
) {
  const after = readCursor(p.cursor, timeUuidCursor);
  const rows = await listOpportunityRows(deps.db, scope, { limit: p.limit, after, stage: p.stage });
  return pageOf(rows, p.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
}

/** The deal stages a new or moved deal may take: Attio's when connected, else the defaults plus those in use. */
export async function crmStages(
  actor: Deps,
  scope: ProjectScope,
  attio: AttioCrmWriter | null,
): Promise<string[]> {
  if (attio) return attio.dealStages().catch((e) => attioFailure(e, 'list the deal stages'));
  const used = await distinctStages(actor.deps.db, scope);
  return [...new Set([...CRM_CONFIG.manualStages, ...used])];
}

function validStage(stage: string, known: string[]): string {
  const check = checkStage(stage, known);
  if (!check.ok) throw new ApiError('validation_error', check.message, { field: 'stage', stages: known });
  return check.stage;
}

export async function createCrmOpportunity(actor: Deps, scope: ProjectScope, input: OpportunityInput) {
  const now = actor.deps.clock.now();
  const account = input.crmAccountId ? await getCrmAccount(actor.deps.db, scope, input.crmAccountId) : null;
  if (input.crmAccountId && !account)
    throw new ApiError(
      'not_found',
      'crmAccountId is not an account of this project (GET /crm/accounts lists them).',
    );
  const attio = await writer(actor, scope);
  const known = await crmStages(actor, scope, attio);
  const stage = validStage(input.stage ?? known[0] ?? 'Lead', known);
  const currency = input.currency.toUpperCase();
  const ref = keelRef(scope, 'opportunity', input.idempotencyKey, [input.title.trim(), account?.id ?? null]);
  let id: string | null;
  if (attio) {
    // A manual account has no Attio record to point at; the deal is then bound on its own.
    const companyRecordId = account?.source === 'attio' ? account.externalRef : null;
    const row = await attio
      .assertDeal(
        {
          keelRef: ref,
          name: input.title.trim(),
          stage,
          amountMinor: input.amountMinor,
          currency,
          closeDate: input.expectedCloseDate ?? null,
          companyRecordId,
        },
        account?.id ?? null,
      )
      .catch((e) => attioFailure(e, 'create the deal'));
    const recordId = row.externalRef ?? '';
    if (!companyRecordId) await attio.bind('attio_deal', recordId, now);
    await upsertCrmOpportunities(actor.deps.db, [
      {
        ...row,
        projectId: scope.projectId,
        stageChangedAt: row.stageChangedAt ?? now,
        meta: { ...row.meta, keelRef: ref },
      },
    ]);
    id = await crmIdByExternalRef(actor.deps.db, scope.accountScopeId, 'opportunities', recordId);
  } else {
    const t = stageTransition({ status: 'open', closedAt: null }, stage, now);
    id = await insertManualOnce(actor.deps.db, scope, ref, {
      opportunity: {
        accountScopeId: scope.accountScopeId,
        projectId: scope.projectId,
        crmAccountId: account?.id ?? null,
        source: 'manual',
        externalRef: null,
        title: input.title.trim(),
        stage,
        status: t.status,
        amountMinor: input.amountMinor,
        currency,
        probability: t.probability,
        expectedCloseDate: input.expectedCloseDate ?? null,
        stageChangedAt: now,
        closedAt: t.closedAt,
        meta: { keelRef: ref },
        createdAt: now,
        updatedAt: now,
      },
    });
  }
  const deal = id ? await getCrmOpportunity(actor.deps.db, scope, id) : null;
  if (!deal) throw new ApiError('conflict', 'The deal was written but is not in this project; reload.');
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'crm.opportunity.create',
    entityType: 'crm_opportunity',
    entityId: deal.id,
    payload: { source: deal.source, externalRef: deal.externalRef, stage: deal.stage, keelRef: ref },
  });
  await publish(actor, scope, { entity: 'opportunity', id: deal.id, stage: deal.stage, source: deal.source });
  return deal;
}

export async function moveCrmOpportunityStage(
  actor: Deps,
  scope: ProjectScope,
  id: string,
  stageInput: string,
) {
  const deal = await getCrmOpportunity(actor.deps.db, scope, id);
  if (!deal)
    throw new ApiError('not_found', 'No such deal in this project (GET /crm/opportunities lists them).');
  const now = actor.deps.clock.now();
  const attio = deal.source === 'attio' ? await writer(actor, scope) : null;
  if (deal.source === 'attio' && !attio)
    throw new ApiError(
      'conflict',
      'This deal lives in Attio, which is not connected any more; reconnect Attio to move it.',
    );
  const known = await crmStages(actor, scope, attio);
  const stage = validStage(stageInput, known);
  const from = deal.stage;
  if (attio && deal.externalRef) {
    const row = await attio
      .updateDealStage(deal.externalRef, stage, deal.crmAccountId)
      .catch((e) => attioFailure(e, 'move the deal'));
    // Attio's answer is the truth the next sync will read; the closing time is Keel's rule.
    const t = stageTransition({ status: deal.status, closedAt: deal.closedAt }, row.stage ?? stage, now);
    await upsertCrmOpportunities(actor.deps.db, [
      { ...row, projectId: scope.projectId, closedAt: t.closedAt, stageChangedAt: row.stageChangedAt ?? now },
    ]);
  } else if (stage !== deal.stage) {
    const t = stageTransition({ status: deal.status, closedAt: deal.closedAt }, stage, now);
    await setOpportunityStage(actor.deps.db, scope, id, {
      stage,
      status: t.status,
      closedAt: t.closedAt,
      probability: t.probability,
      stageChangedAt: now,
      updatedAt: now,
    });
  }
  const moved = await getCrmOpportunity(actor.deps.db, scope, id);
  if (!moved) throw new ApiError('not_found', 'The deal disappeared meanwhile; reload.');
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'crm.opportunity.stage',
    entityType: 'crm_opportunity',
    entityId: id,
    payload: { from, to: moved.stage, status: moved.status, source: moved.source },
  });
  await publish(actor, scope, { entity: 'opportunity', id, stage: moved.stage, source: moved.source });
  return moved;
}

// ---------------------------------------------------------------- overview

export async function getCrmOverview(deps: ReadDeps, scope: ProjectScope) {
  const deals = await listAllCrmOpportunities(deps.db, scope);
  const order = [...CRM_CONFIG.manualStages];
  const overview = computeCrmOverview(
    deals.map((d: CrmOpportunityView) => ({
      id: d.id,
      title: d.title,
      stage: d.stage,
      status: d.status ?? statusOfStage(d.stage),
      amountMinor: d.amountMinor,
      currency: d.currency,
      stageChangedAt: d.stageChangedAt,
      createdAt: d.createdAt,
      renewalDate: d.renewalDate,
    })),
    deps.clock.now(),
    CRM_CONFIG,
    order,
  );
  return { ...overview, stages: [...new Set([...order, ...deals.map((d) => d.stage)])] };
}
