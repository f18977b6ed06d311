import type { IdentitySourceRows } from '@keel/db/queries/identity';
import type { IdentityKind } from '@keel/db/schema/identity';
import type { IdentityRecord } from './match.ts';

/** The project's mirror rows as matcher records, one per source identity. */
export function identityRecords(src: IdentitySourceRows): IdentityRecord[] {
  const out: IdentityRecord[] = [];
  for (const c of src.contacts)
    out.push({
      kind: 'cw_contact',
      ref: String(c.cwContactId),
      label: c.name ?? c.email,
      name: c.name,
      companyName: c.companyName,
      emails: c.email ? [c.email] : [],
      phones: c.phoneNumber ? [c.phoneNumber] : [],
    });
  for (const p of src.people)
    out.push({
      kind: 'attio_person',
      ref: p.attioRecordId,
      label: p.fullName ?? p.primaryEmail,
      name: p.fullName,
      emails: [...new Set([...(p.primaryEmail ? [p.primaryEmail] : []), ...p.emails])],
      phones: p.phoneNumbers,
    });
  for (const c of src.companies)
    out.push({
      kind: 'attio_company',
      ref: c.attioRecordId,
      label: c.name ?? c.primaryDomain,
      name: c.name,
      emails: [],
      phones: [],
      domains: [...new Set([...(c.primaryDomain ? [c.primaryDomain] : []), ...c.domains])],
    });
  for (const u of src.users)
    out.push({
      kind: 'linear_user',
      ref: u.assigneeId,
      label: u.assigneeName ?? u.assigneeEmail,
      name: u.assigneeName,
      emails: u.assigneeEmail ? [u.assigneeEmail] : [],
      phones: [],
    });
  return out;
}

/** What a reviewer sees of one side of a pair: who it is, and which system it lives in. */
export type IdentitySide = { kind: IdentityKind; ref: string; label: string | null; detail: string | null };

export function sideOf(
  records: ReadonlyMap<string, IdentityRecord>,
  kind: IdentityKind,
  ref: string,
): IdentitySide {
  const r = records.get(`${kind}:${ref}`);
  const detail = r ? (r.emails[0] ?? r.domains?.[0] ?? r.phones[0] ?? null) : null;
  return { kind, ref, label: r?.label ?? null, detail };
}

export function recordIndex(records: readonly IdentityRecord[]): Map<string, IdentityRecord> {
  return new Map(records.map((r) => [`${r.kind}:${r.ref}`, r]));
}
