import { createHash } from 'node:crypto';
import type {
  attioAccountsRaw,
  attioActivitiesRaw,
  attioOpportunitiesRaw,
  attioPeopleRaw,
  DealStatus,
} from '@keel/db/schema/attio';
import type { crmAccounts, crmOpportunities } from '@keel/db/schema/crm';
import { asObject, isoDate, type JsonObject, str } from '../vendor-json.ts';
import type { RowScope } from '../types.ts';

/**
 * Attio records → mirror rows and the CRM mirror. Attio values are arrays of historic entries;
 * the current one has `active_until: null`. Pure; project and scope come in.
 */
export type Item = JsonObject;

export type AccountRow = typeof attioAccountsRaw.$inferInsert;
export type PersonRow = typeof attioPeopleRaw.$inferInsert;
export type DealRow = typeof attioOpportunitiesRaw.$inferInsert;
export type ActivityRow = typeof attioActivitiesRaw.$inferInsert;
export type CrmAccountRow = typeof crmAccounts.$inferInsert;
export type CrmOpportunityRow = typeof crmOpportunities.$inferInsert;

/** Current (non-historic) entries of one attribute. */
export function current(record: Item, slug: string): Item[] {
  const values = asObject(record.values)?.[slug];
  if (!Array.isArray(values)) return [];
  return values.flatMap((v) => {
    const o = asObject(v);
    return o && (o.active_until === null || o.active_until === undefined) ? [o] : [];
  });
}

export function recordId(record: Item): string | null {
  return str(asObject(record.id)?.record_id);
}

/** Newest `active_from` over all values: the closest thing to "updated at" Attio offers. */
export function lastChange(record: Item): Date | null {
  let max = isoDate(record.created_at)?.getTime() ?? 0;
  const values = asObject(record.values) ?? {};
  for (const list of Object.values(values)) {
    if (!Array.isArray(list)) continue;
    for (const v of list) {
      const t = isoDate(asObject(v)?.active_from)?.getTime() ?? 0;
      if (t > max) max = t;
    }
  }
  return max > 0 ? new Date(max) : null;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function text(record: Item, slug: string): string | null {
  return str(current(record, slug)[0]?.value);
}

function refs(record: Item, slug: string): string[] {
  return current(record, slug).flatMap((v) => (str(v.target_record_id) ? [String(v.target_record_id)] : []));
}

function sync(record: Item) {
  return {
    createdAtSource: isoDate(record.created_at),
    sourceUpdatedAt: lastChange(record),
    rawHash: hashOf(record),
    deletedAt: null,
    raw: record,
  };
}

export function mapCompany(record: Item, scope: RowScope): AccountRow | null {
  const id = recordId(record);
  if (!id) return null;
  const domains = current(record, 'domains').flatMap((d) => (str(d.domain) ? [String(d.domain)] : []));
  return {
    ...scope,
    attioRecordId: id,
    name: text(record, 'name'),
    primaryDomain: domains[0] ?? null,
    domains,
    webUrl: str(record.web_url),
    ...sync(record),
  };
}

export function mapPerson(record: Item, scope: RowScope): PersonRow | null {
  const id = recordId(record);
  if (!id) return null;
  const name = current(record, 'name')[0];
  const emails = current(record, 'email_addresses').flatMap((e) =>
    str(e.email_address) ? [String(e.email_address)] : [],
  );
  const phones = current(record, 'phone_numbers').flatMap((p) =>
    str(p.phone_number) ? [String(p.phone_number)] : [],
  );
  return {
    ...scope,
    attioRecordId: id,
    fullName: str(name?.full_name),
    firstName: str(name?.first_name),
    lastName: str(name?.last_name),
    primaryEmail: emails[0] ?? null,
    emails,
    phoneNumbers: phones,
    jobTitle: text(record, 'job_title'),
    companyRecordId: refs(record, 'company')[0] ?? null,
    webUrl: str(record.web_url),
    ...sync(record),
  };
}

/** Stage titles are workspace-defined; "Won 🎉" and "Lost" are Attio's defaults. */
export function dealStatus(stage: string | null): DealStatus {
  if (!stage) return 'open';
  if (/\bwon\b/i.test(stage)) return 'won';
  if (/\blost\b/i.test(stage)) return 'lost';
  return 'open';
}

export function mapDeal(record: Item, scope: RowScope): DealRow | null {
  const id = recordId(record);
  if (!id) return null;
  const stageValue = current(record, 'stage')[0];
  const stage = str(asObject(stageValue?.status)?.title);
  const value = current(record, 'value')[0];
  const amount = typeof value?.currency_value === 'number' ? Math.round(value.currency_value * 100) : null;
  const owner = current(record, 'owner')[0];
  const close = text(record, 'close_date');
  return {
    ...scope,
    attioRecordId: id,
    name: text(record, 'name'),
    stage,
    status: dealStatus(stage),
    stageChangedAt: isoDate(stageValue?.active_from),
    amountMinor: amount,
    currency: str(value?.currency_code),
    expectedCloseDate: close && /^\d{4}-\d{2}-\d{2}$/.test(close) ? close : null,
    ownerActorId: str(owner?.referenced_actor_id),
    companyRecordId: refs(record, 'associated_company')[0] ?? null,
    personRecordIds: refs(record, 'associated_people'),
    webUrl: str(record.web_url),
    ...sync(record),
  };
}

export function mapNote(note: Item, scope: RowScope): ActivityRow | null {
  const id = str(asObject(note.id)?.note_id);
  if (!id) return null;
  const created = isoDate(note.created_at);
  return {
    ...scope,
    attioActivityId: id,
    kind: 'note',
    parentObject: str(note.parent_object),
    parentRecordId: str(note.parent_record_id),
    title: str(note.title),
    content: typeof note.content_plaintext === 'string' ? note.content_plaintext : null,
    createdByActorId: str(asObject(note.created_by_actor)?.id),
    occurredAt: created,
    deadlineAt: null,
    isCompleted: null,
    completedAt: null,
    createdAtSource: created,
    sourceUpdatedAt: created,
    rawHash: hashOf(note),
    deletedAt: null,
    raw: note,
  };
}

export function mapTask(
  task: Item,
  scope: RowScope,
  parent: { object: string; recordId: string },
): ActivityRow | null {
  const id = str(asObject(task.id)?.task_id);
  if (!id) return null;
  const created = isoDate(task.created_at);
  const completedAt = isoDate(task.completed_at);
  return {
    ...scope,
    attioActivityId: id,
    kind: 'task',
    parentObject: parent.object,
    parentRecordId: parent.recordId,
    title: null,
    content: typeof task.content_plaintext === 'string' ? task.content_plaintext : null,
    createdByActorId: str(asObject(task.created_by_actor)?.id),
    occurredAt: completedAt ?? created,
    deadlineAt: isoDate(task.deadline_at),
    isCompleted: task.is_completed === true,
    completedAt,
    createdAtSource: created,
    sourceUpdatedAt: completedAt ?? created,
    rawHash: hashOf(task),
    deletedAt: null,
    raw: task,
  };
}

export function toCrmAccount(row: AccountRow): CrmAccountRow {
  return {
    accountScopeId: row.accountScopeId,
    projectId: row.projectId ?? null,
    source: 'attio',
    externalRef: row.attioRecordId,
    name: row.name ?? row.primaryDomain ?? 'Unnamed company',
    domain: row.primaryDomain ?? null,
    status: 'active',
    ownerName: null,
    meta: { webUrl: row.webUrl ?? null, rawHash: row.rawHash ?? null },
    deletedAt: row.deletedAt ?? null,
  };
}

export function toCrmOpportunity(row: DealRow, crmAccountId: string | null): CrmOpportunityRow {
  const closed = row.status === 'won' || row.status === 'lost';
  return {
    accountScopeId: row.accountScopeId,
    projectId: row.projectId ?? null,
    crmAccountId,
    source: 'attio',
    externalRef: row.attioRecordId,
    title: row.name ?? 'Untitled deal',
    stage: row.stage ?? 'Unknown',
    status: row.status ?? 'open',
    amountMinor: row.amountMinor ?? 0,
    currency: row.currency ?? 'USD',
    probability: row.status === 'won' ? 1 : row.status === 'lost' ? 0 : null,
    expectedCloseDate: row.expectedCloseDate ?? null,
    stageChangedAt: row.stageChangedAt ?? null,
    closedAt: closed ? (row.stageChangedAt ?? null) : null,
    ownerName: null,
    meta: { rawHash: row.rawHash ?? null, companyRecordId: row.companyRecordId ?? null },
    deletedAt: row.deletedAt ?? null,
  };
}
