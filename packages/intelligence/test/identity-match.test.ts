import type { IdentityKind } from '@keel/db/schema/identity';
import { describe, expect, it } from 'vitest';
import {
  canonicalPair,
  combineConfidence,
  type IdentityRecord,
  matchIdentities,
} from '../src/identity/match.ts';
import { nameKey, normalizeDomain, normalizeEmail, normalizePhone } from '../src/identity/normalize.ts';

const contact = (ref: string, over: Partial<IdentityRecord> = {}): IdentityRecord => ({
  kind: 'cw_contact',
  ref,
  label: null,
  name: null,
  emails: [],
  phones: [],
  ...over,
});
const person = (ref: string, over: Partial<IdentityRecord> = {}): IdentityRecord => ({
  ...contact(ref, over),
  kind: 'attio_person',
});
const user = (ref: string, over: Partial<IdentityRecord> = {}): IdentityRecord => ({
  ...contact(ref, over),
  kind: 'linear_user',
});
const company = (ref: string, over: Partial<IdentityRecord> = {}): IdentityRecord => ({
  ...contact(ref, over),
  kind: 'attio_company',
});

describe('normal forms', () => {
  it.each([
    ['Ivan.Petrov@Vektor.RU', 'ivan.petrov@vektor.ru'],
    [' ivan.petrov+crm@vektor.ru ', 'ivan.petrov@vektor.ru'],
    ['mailto:a@b.com', 'a@b.com'],
    ['not-an-email', null],
    ['', null],
  ])('e-mail %j → %j', (raw, want) => expect(normalizeEmail(raw)).toBe(want));

  it.each([
    ['+7 (916) 123-45-67', undefined, '+79161234567'],
    ['8 916 123 45 67', 'RU', '+79161234567'],
    ['0079161234567', undefined, '+79161234567'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['12-34', undefined, null],
    [null, undefined, null],
  ] as const)('phone %j (region %j) → %j', (raw, region, want) =>
    expect(normalizePhone(raw, region)).toBe(want),
  );

  it.each([
    ['Иван Петров', 'ivan petrov'],
    ['Ivan  PETROV', 'ivan petrov'],
    ['Petrov Ivan', 'ivan petrov'],
    ['Фёдор Семёнов', 'fedor semenov'],
    ['Fyodor Semyonov', 'fedor semenov'],
    ['Ксения Смирнова', 'ksenia smirnova'],
    ['Maxim Popov', 'maksim popov'],
    ['José Müller', 'jose muler'],
    ['Madonna', null],
  ])('name %j → %j', (raw, want) => expect(nameKey(raw)).toBe(want));

  it.each([
    ['https://www.Vektor.ru/about', 'vektor.ru'],
    ['gmail.com', null],
    ['yandex.ru', null],
    ['not a domain', null],
  ])('domain %j → %j', (raw, want) => expect(normalizeDomain(raw)).toBe(want));
});

describe('matchIdentities', () => {
  const cases: Array<{
    when: string;
    records: IdentityRecord[];
    want: Array<{ pair: string; confidence: number; fields: string[] }>;
  }> = [
    {
      when: 'the same e-mail in another case and with a plus tag',
      records: [
        contact('1', { emails: ['Ivan.Petrov+chat@vektor.ru'] }),
        person('p1', { emails: ['ivan.petrov@vektor.ru'] }),
      ],
      want: [{ pair: 'attio_person:p1|cw_contact:1', confidence: 0.95, fields: ['email'] }],
    },
    {
      when: 'a Cyrillic name and its Latin spelling with the same phone in two formats',
      records: [
        contact('2', { name: 'Иван Петров', phones: ['+7 (916) 123-45-67'] }),
        person('p2', { name: 'Ivan Petrov', phones: ['+79161234567'] }),
      ],
      want: [{ pair: 'attio_person:p2|cw_contact:2', confidence: 0.94, fields: ['phone', 'name'] }],
    },
    {
      when: 'only the name matches (Fyodor / Фёдор)',
      records: [contact('3', { name: 'Фёдор Семёнов' }), user('u3', { name: 'Fedor Semenov' })],
      want: [{ pair: 'cw_contact:3|linear_user:u3', confidence: 0.6, fields: ['name'] }],
    },
    {
      when: 'two people share only a free-mail domain',
      records: [
        contact('4', { name: 'Anna Reed', emails: ['anna@gmail.com'] }),
        person('p4', { name: 'Ben Shaw', emails: ['ben@gmail.com'] }),
      ],
      want: [],
    },
    {
      when: 'two people share only a company domain (too weak alone)',
      records: [
        contact('5', { name: 'Anna Reed', emails: ['anna@harbor.com'] }),
        person('p5', { name: 'Ben Shaw', emails: ['ben@harbor.com'] }),
      ],
      want: [],
    },
    {
      when: 'a contact’s e-mail domain is the company’s domain and it carries the company name',
      records: [
        contact('6', { name: 'Anna Reed', emails: ['anna@harbor.com'], companyName: 'Harbor Labs' }),
        company('c6', { name: 'Harbor Labs', domains: ['https://harbor.com'] }),
      ],
      want: [{ pair: 'attio_company:c6|cw_contact:6', confidence: 0.92, fields: ['domain', 'name'] }],
    },
    {
      when: 'a contact on free mail and a company whose domain is free mail',
      records: [
        contact('7', { emails: ['anna@gmail.com'] }),
        company('c7', { name: 'Gmail Fans', domains: ['gmail.com'] }),
      ],
      want: [],
    },
    {
      when: 'two records of the same system (not a cross-system link)',
      records: [contact('8', { emails: ['a@x.com'] }), contact('9', { emails: ['a@x.com'] })],
      want: [],
    },
    {
      when: 'nothing in common (a non-match)',
      records: [
        contact('10', { name: 'Ivan Petrov', emails: ['ivan@vektor.ru'], phones: ['+79161234567'] }),
        person('p10', { name: 'Ivan Sidorov', emails: ['sidorov@polus.ru'], phones: ['+79167654321'] }),
      ],
      want: [],
    },
    {
      when: 'name and the same company domain, different mailboxes',
      records: [
        contact('11', { name: 'Ольга Иванова', emails: ['olga@vektor.ru'] }),
        person('p11', { name: 'Olga Ivanova', emails: ['o.ivanova@vektor.ru'] }),
      ],
      want: [{ pair: 'attio_person:p11|cw_contact:11', confidence: 0.68, fields: ['name', 'domain'] }],
    },
  ];

  it.each(cases)('when $when', ({ records, want }) => {
    const got = matchIdentities(records).map((c) => ({
      pair: `${c.leftKind}:${c.leftRef}|${c.rightKind}:${c.rightRef}`,
      confidence: c.confidence,
      fields: c.matchedFields.map((f) => f.field),
    }));
    expect(got).toEqual(want);
  });

  it('reports both values of every matched field, in the canonical order of the pair', () => {
    const [c] = matchIdentities(
      [
        contact('2', { name: 'Иван Петров', phones: ['8 916 123-45-67'] }),
        person('p2', { name: 'Ivan Petrov', phones: ['+7 916 123 45 67'] }),
      ],
      { defaultRegion: 'RU' },
    );
    expect(c?.matchedFields).toEqual([
      { field: 'phone', left: '+7 916 123 45 67', right: '8 916 123-45-67' },
      { field: 'name', left: 'Ivan Petrov', right: 'Иван Петров' },
    ]);
  });

  it('orders pairs by kind, then ref, whichever way they come in', () => {
    const a: { kind: IdentityKind; ref: string } = { kind: 'linear_user', ref: 'u' };
    const b: { kind: IdentityKind; ref: string } = { kind: 'attio_person', ref: 'p' };
    expect(canonicalPair(a, b)).toEqual([b, a]);
    expect(canonicalPair(b, a)).toEqual([b, a]);
  });

  it('combines fields as independent evidence', () => {
    expect(combineConfidence([])).toBe(0);
    expect(combineConfidence([0.95, 0.85, 0.6])).toBe(0.997);
  });
});
