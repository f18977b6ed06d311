import type { IdentityKind, IdentityMatch } from '@keel/db/schema/identity';
import type { CountryCode } from 'libphonenumber-js';
import {
  companyKey,
  emailDomain,
  nameKey,
  normalizeDomain,
  normalizeEmail,
  normalizePhone,
} from './normalize.ts';

/**
 * The identity matcher: records of the project's people in Chatwoot, Attio and Linear (and its
 * Attio companies) in, candidate links out, each with a confidence and the fields that matched
 * with both sides' values. Pure: the service loads the records and stores the suggestions.
 *
 * Only pairs across systems are candidates (two Chatwoot contacts are merged in Chatwoot, not
 * here, and Attio already links its people to their companies), and a company pairs only with a
 * person of another system (its employee), by e-mail domain or by the company name a contact
 * carries.
 *
 * Confidence combines the matched fields as independent evidence (noisy-OR):
 * `1 − Π(1 − w_field)`, with the weights in `FIELD_WEIGHTS`. An e-mail alone gives 0.95, a phone
 * alone 0.85, a full name alone 0.6, name + phone 0.94, name + same company domain 0.68; a
 * shared company domain alone (0.2) stays below `MIN_CONFIDENCE` and is never suggested.
 */
export type IdentityRecord = {
  kind: IdentityKind;
  ref: string;
  /** What a reviewer reads: the person's or company's name, else an e-mail. */
  label: string | null;
  /** A person's full name, or a company's name. */
  name: string | null;
  /** For a contact: the company name it carries (Chatwoot's `company_name`). */
  companyName?: string | null;
  emails: readonly string[];
  phones: readonly string[];
  /** A company's domains (people's domains come from their e-mails). */
  domains?: readonly string[];
};

export type IdentityCandidate = {
  leftKind: IdentityKind;
  leftRef: string;
  rightKind: IdentityKind;
  rightRef: string;
  confidence: number;
  matchedFields: IdentityMatch[];
};

export const FIELD_WEIGHTS = {
  /** Person ↔ person. */
  email: 0.95,
  phone: 0.85,
  name: 0.6,
  /** Person ↔ person: the same (non-free-mail) company domain; a hint, not an identity. */
  domain: 0.2,
} as const;

/** Person ↔ company: the person's e-mail domain is one of the company's; its company name matches. */
export const COMPANY_WEIGHTS = { domain: 0.8, name: 0.6 } as const;

export const MIN_CONFIDENCE = 0.5;

export type MatchOptions = {
  /** Region for phone numbers written without a country code (e.g. `8 916 …` in RU). */
  defaultRegion?: CountryCode;
  minConfidence?: number;
};

const isCompany = (k: IdentityKind) => k === 'attio_company';
/** The system a record lives in: pairs are only across systems (Attio links its people to companies itself). */
const systemOf = (k: IdentityKind) =>
  k === 'cw_contact' ? 'chatwoot' : k === 'linear_user' ? 'linear' : 'attio';

/** Pairs are stored left < right by kind, then by ref, so one pair has one row. */
export function canonicalPair<T extends { kind: IdentityKind; ref: string }>(a: T, b: T): [T, T] {
  if (a.kind !== b.kind) return a.kind < b.kind ? [a, b] : [b, a];
  return a.ref <= b.ref ? [a, b] : [b, a];
}

type Prepared = {
  rec: IdentityRecord;
  emails: Map<string, string>;
  phones: Map<string, string>;
  domains: Map<string, string>;
  name: { key: string; raw: string } | null;
  company: { key: string; raw: string } | null;
};

function keyed(values: readonly string[], norm: (v: string) => string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const k = norm(v);
    if (k && !out.has(k)) out.set(k, v);
  }
  return out;
}

function prepare(rec: IdentityRecord, region: CountryCode | undefined): Prepared {
  const emails = keyed(rec.emails, normalizeEmail);
  const domains = isCompany(rec.kind)
    ? keyed(rec.domains ?? [], normalizeDomain)
    : keyed(rec.emails, (e) => normalizeDomain(emailDomain(e)));
  const nk = isCompany(rec.kind) ? companyKey(rec.name) : nameKey(rec.name);
  const ck = companyKey(rec.companyName);
  return {
    rec,
    emails,
    phones: keyed(rec.phones, (p) => normalizePhone(p, region)),
    domains,
    name: nk && rec.name ? { key: nk, raw: rec.name } : null,
    company: ck && rec.companyName ? { key: ck, raw: rec.companyName } : null,
  };
}

function common(a: Map<string, string>, b: Map<string, string>): [string, string] | null {
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w !== undefined) return [v, w];
  }
  return null;
}

/** What two records share, as (field, value on a, value on b). */
function sharedFields(a: Prepared, b: Prepared): Array<[IdentityMatch['field'], string, string]> {
  const out: Array<[IdentityMatch['field'], string, string]> = [];
  if (isCompany(a.rec.kind) || isCompany(b.rec.kind)) {
    const [person, company] = isCompany(a.rec.kind) ? [b, a] : [a, b];
    const flip = person !== a;
    const push = (f: IdentityMatch['field'], p: string, c: string) =>
      out.push([f, flip ? c : p, flip ? p : c]);
    const d = common(person.domains, company.domains);
    if (d) push('domain', d[0], d[1]);
    if (person.company && company.name && person.company.key === company.name.key)
      push('name', person.company.raw, company.name.raw);
    return out;
  }
  const e = common(a.emails, b.emails);
  if (e) out.push(['email', e[0], e[1]]);
  const p = common(a.phones, b.phones);
  if (p) out.push(['phone', p[0], p[1]]);
  if (a.name && b.name && a.name.key === b.name.key) out.push(['name', a.name.raw, b.name.raw]);
  // The company domain only adds to a pair that has something personal; alone it is too weak.
  const d = common(a.domains, b.domains);
  if (d && !e) out.push(['domain', d[0], d[1]]);
  return out;
}

export function combineConfidence(weights: readonly number[]): number {
  const miss = weights.reduce((acc, w) => acc * (1 - w), 1);
  return Math.round((1 - miss) * 1000) / 1000;
}

function confidenceOf(fields: ReadonlyArray<[IdentityMatch['field'], string, string]>, company: boolean) {
  const table: Record<string, number> = company ? COMPANY_WEIGHTS : FIELD_WEIGHTS;
  return combineConfidence(fields.map(([f]) => table[f] ?? 0));
}

/**
 * Every cross-system pair whose confidence reaches the threshold, strongest first. Blocking by
 * normalised e-mail, phone, name and domain keeps it near-linear: only records sharing a key
 * are compared.
 */
export function matchIdentities(
  records: readonly IdentityRecord[],
  options: MatchOptions = {},
): IdentityCandidate[] {
  const min = options.minConfidence ?? MIN_CONFIDENCE;
  const prepared = records.map((r) => prepare(r, options.defaultRegion));
  const blocks = new Map<string, number[]>();
  const block = (key: string, i: number) => {
    const list = blocks.get(key);
    if (list) list.push(i);
    else blocks.set(key, [i]);
  };
  prepared.forEach((p, i) => {
    for (const k of p.emails.keys()) block(`e:${k}`, i);
    for (const k of p.phones.keys()) block(`p:${k}`, i);
    for (const k of p.domains.keys()) block(`d:${k}`, i);
    if (p.name) block(`${isCompany(p.rec.kind) ? 'c' : 'n'}:${p.name.key}`, i);
    if (p.company) block(`c:${p.company.key}`, i);
  });
  const seen = new Set<string>();
  const out: IdentityCandidate[] = [];
  for (const members of blocks.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = prepared[members[x] as number] as Prepared;
        const b = prepared[members[y] as number] as Prepared;
        if (systemOf(a.rec.kind) === systemOf(b.rec.kind)) continue;
        const [l, r] = canonicalPair(
          { kind: a.rec.kind, ref: a.rec.ref, p: a },
          { kind: b.rec.kind, ref: b.rec.ref, p: b },
        );
        const pairKey = `${l.kind}:${l.ref}|${r.kind}:${r.ref}`;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const fields = sharedFields(l.p, r.p);
        const confidence = confidenceOf(fields, isCompany(l.kind) || isCompany(r.kind));
        if (fields.length === 0 || confidence < min) continue;
        out.push({
          leftKind: l.kind,
          leftRef: l.ref,
          rightKind: r.kind,
          rightRef: r.ref,
          confidence,
          matchedFields: fields.map(([field, left, right]) => ({ field, left, right })),
        });
      }
    }
  }
  return out.sort(
    (a, b) =>
      b.confidence - a.confidence ||
      `${a.leftKind}:${a.leftRef}|${a.rightKind}:${a.rightRef}`.localeCompare(
        `${b.leftKind}:${b.leftRef}|${b.rightKind}:${b.rightRef}`,
      ),
  );
}
