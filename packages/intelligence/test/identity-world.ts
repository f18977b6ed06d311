import transliterate from '@sindresorhus/transliterate';
import type { Dataset } from '@keel/sandbox/model';
import { createRng, mixSeed } from '@keel/sandbox/random';
import type { IdentityCandidate, IdentityRecord } from '../src/identity/match.ts';

/**
 * The generator's people as the identity matcher sees them, one record set per project (the
 * client's Chatwoot contacts and Attio people and company, the staff assigned to the project's
 * Linear issues — what `loadIdentitySources` reads after a sync), with the truth the generator
 * knows: a contact and an Attio person built from one `Person` are the same human, and every
 * person of a client works at its company. Staff are never client people.
 *
 * `noisy` rewrites the Chatwoot side the way live chat data differs from a CRM: e-mail missing
 * (a visitor left only a phone) or typed with capitals and a plus tag, phone in another format
 * (sometimes national, without the country), a Russian name typed in Latin, or a first name only,
 * and half the contacts without a company name.
 */
export type Variant = 'served' | 'noisy';
export type World = Array<{ project: number; records: IdentityRecord[]; truth: Set<string> }>;

const key = (a: string, b: string) => [a, b].sort().join('|');
export const candidateKey = (c: IdentityCandidate) =>
  key(`${c.leftKind}:${c.leftRef}`, `${c.rightKind}:${c.rightRef}`);

function nationalPhone(phone: string): string {
  // +7 916 1234567 → 8 (916) 123-45-67; +44 20794 12345 → 020 7941 2345
  if (phone.startsWith('+7')) {
    const d = phone.slice(2);
    return `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
  }
  const d = phone.slice(3);
  return `0${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6)}`;
}

function spacedPhone(phone: string): string {
  if (phone.startsWith('+7')) {
    const d = phone.slice(2);
    return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
  }
  const d = phone.slice(3);
  return `+44 ${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6)}`;
}

export function identityWorld(ds: Dataset, variant: Variant): World {
  const rng = createRng(mixSeed(ds.seed, 'identity-noise'));
  // One rendering of each contact for the whole world (a contact is the same in every project).
  const contacts = ds.people.map((p): IdentityRecord => {
    const client = ds.clients[p.clientIndex];
    let name = `${p.firstName} ${p.lastName}`;
    let email: string | null = p.email;
    let phone = p.phone;
    let company: string | null = client?.name ?? null;
    if (variant === 'noisy') {
      const e = rng.next();
      if (e < 0.35) email = null;
      else if (e < 0.65) email = p.email.replace('@', '+support@').replace(/^./, (c) => c.toUpperCase());
      const ph = rng.next();
      if (ph < 0.2) phone = nationalPhone(p.phone);
      else if (ph < 0.6) phone = spacedPhone(p.phone);
      const n = rng.next();
      if (client?.lang === 'ru' && n < 0.5) name = transliterate(name);
      else if (n > 0.9) name = p.firstName;
      if (rng.chance(0.5)) company = null;
    }
    return {
      kind: 'cw_contact',
      ref: String(p.chatwootContactId),
      label: name,
      name,
      companyName: company,
      emails: email ? [email] : [],
      phones: [phone],
    };
  });
  return ds.projects.map((proj, pi) => {
    const client = ds.clients[proj.clientIndex];
    const records: IdentityRecord[] = [];
    const truth = new Set<string>();
    if (!client) return { project: pi, records, truth };
    const companyRef = `attio_company:${client.attioCompanyId}`;
    records.push({
      kind: 'attio_company',
      ref: client.attioCompanyId,
      label: client.name,
      name: client.name,
      emails: [],
      phones: [],
      domains: [client.domain],
    });
    for (const idx of client.people) {
      const p = ds.people[idx];
      const contact = contacts[idx];
      if (!p || !contact) continue;
      records.push(contact);
      records.push({
        kind: 'attio_person',
        ref: p.attioPersonId,
        label: `${p.firstName} ${p.lastName}`,
        name: `${p.firstName} ${p.lastName}`,
        emails: [p.email],
        phones: [p.phone],
      });
      truth.add(key(`cw_contact:${contact.ref}`, `attio_person:${p.attioPersonId}`));
      truth.add(key(`cw_contact:${contact.ref}`, companyRef));
    }
    const staff = new Set(
      ds.issues
        .filter((i) => i.projectIndex === pi && i.assigneeStaff !== null)
        .map((i) => i.assigneeStaff as number),
    );
    for (const s of staff) {
      const m = ds.staff[s];
      if (m)
        records.push({
          kind: 'linear_user',
          ref: m.linearId,
          label: m.name,
          name: m.name,
          emails: [m.email],
          phones: [],
        });
    }
    return { project: pi, records, truth };
  });
}

export type Score = {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Recall of the same-person pairs (contact ↔ Attio person) and of the works-at pairs apart. */
  personRecall: number;
  companyRecall: number;
};

export function score(world: World, predict: (records: IdentityRecord[]) => IdentityCandidate[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byType = { person: { found: 0, all: 0 }, company: { found: 0, all: 0 } };
  for (const p of world) {
    const got = new Set(predict(p.records).map(candidateKey));
    for (const k of got)
      if (p.truth.has(k)) tp++;
      else fp++;
    for (const k of p.truth) {
      const t = byType[k.includes('attio_company:') ? 'company' : 'person'];
      t.all++;
      if (got.has(k)) t.found++;
      else fn++;
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    tp,
    fp,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    personRecall: ratio(byType.person.found, byType.person.all),
    companyRecall: ratio(byType.company.found, byType.company.all),
  };
}
