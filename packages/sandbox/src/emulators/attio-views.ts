/** Attio record shapes: `{ id, created_at, web_url, values: { slug: [value…] } }` (external-apis.md 3.4). */
import { isoNanos } from '../format.ts';
import type { Dataset, Note, Task } from '../model.ts';
import { mixSeed, createRng } from '../random.ts';

export type AttioObject = 'companies' | 'people' | 'deals';
export type Value = Record<string, unknown>;
export type AttioRecord = { id: string; createdAt: number; values: Record<string, Value[]> };

/** The deal stage's statuses, in pipeline order (Attio's defaults). */
export const DEAL_STAGES = ['Lead', 'In Progress', 'Won 🎉', 'Lost'] as const;
const STAGES = DEAL_STAGES;

function stableId(ds: Dataset, ...parts: string[]): string {
  return createRng(mixSeed(ds.seed, ...parts)).uuid();
}

function actor(ds: Dataset, staff: number | null): { type: string; id: string | null } {
  const s = staff === null ? undefined : ds.staff[staff];
  return s ? { type: 'workspace-member', id: s.attioMemberId } : { type: 'system', id: null };
}

function item(
  ds: Dataset,
  from: number,
  by: number | null,
  attributeType: string,
  fields: Record<string, unknown>,
): Value {
  return {
    active_from: isoNanos(from),
    active_until: null,
    created_by_actor: actor(ds, by),
    ...fields,
    attribute_type: attributeType,
  };
}

export function companyRecord(ds: Dataset, ci: number): AttioRecord | null {
  const c = ds.clients[ci];
  if (!c) return null;
  const by = c.ownerStaff;
  const v = (type: string, fields: Record<string, unknown>) => item(ds, c.createdAt, by, type, fields);
  return {
    id: c.attioCompanyId,
    createdAt: c.createdAt,
    values: {
      record_id: [v('text', { value: c.attioCompanyId })],
      name: [v('text', { value: c.name })],
      domains: [v('domain', { domain: c.domain, root_domain: c.domain })],
      description: [v('text', { value: c.description })],
      team: c.people.flatMap((pi) => {
        const p = ds.people[pi];
        return p
          ? [v('record-reference', { target_object: 'people', target_record_id: p.attioPersonId })]
          : [];
      }),
      associated_deals: ds.deals
        .filter((d) => d.clientIndex === ci)
        .map((d) => v('record-reference', { target_object: 'deals', target_record_id: d.id })),
      created_at: [item(ds, c.createdAt, null, 'timestamp', { value: isoNanos(c.createdAt) })],
      created_by: [
        item(ds, c.createdAt, null, 'actor-reference', {
          referenced_actor_type: 'workspace-member',
          referenced_actor_id: ds.staff[by]?.attioMemberId ?? null,
        }),
      ],
    },
  };
}

export function personRecord(ds: Dataset, pi: number): AttioRecord | null {
  const p = ds.people[pi];
  if (!p) return null;
  const client = ds.clients[p.clientIndex];
  const by = client?.ownerStaff ?? null;
  const v = (type: string, fields: Record<string, unknown>) => item(ds, p.createdAt, by, type, fields);
  const [local = '', domain = ''] = p.email.split('@');
  return {
    id: p.attioPersonId,
    createdAt: p.createdAt,
    values: {
      record_id: [v('text', { value: p.attioPersonId })],
      name: [
        v('personal-name', {
          first_name: p.firstName,
          last_name: p.lastName,
          full_name: `${p.firstName} ${p.lastName}`,
        }),
      ],
      email_addresses: [
        v('email-address', {
          original_email_address: p.email,
          email_address: p.email,
          email_domain: domain,
          email_root_domain: domain,
          email_local_specifier: local,
        }),
      ],
      phone_numbers: [
        v('phone-number', {
          original_phone_number: p.phone,
          country_code: p.phone.startsWith('+7') ? 'RU' : 'GB',
          phone_number: p.phone,
        }),
      ],
      job_title: [v('text', { value: p.jobTitle })],
      company: client
        ? [v('record-reference', { target_object: 'companies', target_record_id: client.attioCompanyId })]
        : [],
      created_at: [item(ds, p.createdAt, null, 'timestamp', { value: isoNanos(p.createdAt) })],
      created_by: [
        item(ds, p.createdAt, null, 'actor-reference', {
          referenced_actor_type: 'system',
          referenced_actor_id: null,
        }),
      ],
    },
  };
}

export function dealRecord(ds: Dataset, di: number): AttioRecord | null {
  const d = ds.deals[di];
  if (!d) return null;
  const client = ds.clients[d.clientIndex];
  const v = (type: string, fields: Record<string, unknown>, from = d.createdAt) =>
    item(ds, from, d.ownerStaff, type, fields);
  const stageIndex = STAGES.indexOf(d.stage);
  return {
    id: d.id,
    createdAt: d.createdAt,
    values: {
      record_id: [v('text', { value: d.id })],
      name: [v('text', { value: d.name })],
      stage: [
        v(
          'status',
          {
            status: {
              id: {
                workspace_id: ds.workspaceId,
                object_id: ds.attioObjectIds.deals,
                attribute_id: stableId(ds, 'attio-attr', 'deals.stage'),
                status_id: stableId(ds, 'attio-status', String(stageIndex)),
              },
              title: d.stage,
              is_archived: false,
              celebration_enabled: d.stage === 'Won 🎉',
              target_time_in_status: null,
            },
          },
          d.stageChangedAt,
        ),
      ],
      owner: [
        v('actor-reference', {
          referenced_actor_type: 'workspace-member',
          referenced_actor_id: ds.staff[d.ownerStaff]?.attioMemberId ?? null,
        }),
      ],
      value: [v('currency', { currency_value: d.value, currency_code: d.currency })],
      associated_company: client
        ? [v('record-reference', { target_object: 'companies', target_record_id: client.attioCompanyId })]
        : [],
      associated_people: d.people.flatMap((pi) => {
        const p = ds.people[pi];
        return p
          ? [v('record-reference', { target_object: 'people', target_record_id: p.attioPersonId })]
          : [];
      }),
      close_date: [v('date', { value: d.closeDate })],
      renewal_date: d.renewalDate === null ? [] : [v('date', { value: d.renewalDate })],
      created_at: [item(ds, d.createdAt, null, 'timestamp', { value: isoNanos(d.createdAt) })],
      created_by: [
        item(ds, d.createdAt, null, 'actor-reference', {
          referenced_actor_type: 'workspace-member',
          referenced_actor_id: ds.staff[d.ownerStaff]?.attioMemberId ?? null,
        }),
      ],
    },
  };
}

/** The object's records in dataset order; `only` limits them to some indexes (still in order). */
export function recordsOf(ds: Dataset, object: AttioObject, only?: Set<number> | null): AttioRecord[] {
  const build = object === 'companies' ? companyRecord : object === 'people' ? personRecord : dealRecord;
  const count =
    object === 'companies' ? ds.clients.length : object === 'people' ? ds.people.length : ds.deals.length;
  const out: AttioRecord[] = [];
  const indexes = only ? [...only].sort((a, b) => a - b) : null;
  for (let k = 0; k < (indexes ? indexes.length : count); k++) {
    const i = indexes ? (indexes[k] as number) : k;
    const r = build(ds, i);
    if (r) out.push(r);
  }
  return out;
}

export function recordJson(ds: Dataset, object: AttioObject, r: AttioRecord): Record<string, unknown> {
  const singular = object === 'companies' ? 'company' : object === 'people' ? 'person' : 'deal';
  return {
    id: { workspace_id: ds.workspaceId, object_id: ds.attioObjectIds[object], record_id: r.id },
    created_at: isoNanos(r.createdAt),
    web_url: `https://app.attio.com/brightside/${singular}/${r.id}`,
    values: r.values,
  };
}

export function noteJson(ds: Dataset, n: Note): Record<string, unknown> {
  return {
    id: { workspace_id: ds.workspaceId, note_id: n.id },
    parent_object: n.parentObject,
    parent_record_id: n.parentRecordId,
    title: n.title,
    meeting_id: null,
    content_plaintext: n.content,
    content_markdown: n.content,
    tags: [],
    created_by_actor: actor(ds, n.createdByStaff),
    created_at: isoNanos(n.createdAt),
  };
}

export function taskJson(ds: Dataset, t: Task): Record<string, unknown> {
  return {
    id: { workspace_id: ds.workspaceId, task_id: t.id },
    content_plaintext: t.content,
    deadline_at: t.deadlineAt === null ? null : isoNanos(t.deadlineAt),
    is_completed: t.isCompleted,
    linked_records: t.linked.map((l) => ({
      target_object_id: ds.attioObjectIds[l.object],
      target_record_id: l.recordId,
    })),
    assignees: t.assignees.flatMap((s) => {
      const member = ds.staff[s];
      return member
        ? [{ referenced_actor_type: 'workspace-member', referenced_actor_id: member.attioMemberId }]
        : [];
    }),
    created_by_actor: actor(ds, t.createdByStaff),
    created_at: isoNanos(t.createdAt),
  };
}
