import transliterate from '@sindresorhus/transliterate';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { isFreeMailDomain } from './free-mail.ts';

/**
 * The normal forms the identity matcher compares. Each returns null when the input carries
 * nothing comparable, so an empty field never matches another empty field.
 */

/**
 * E-mail: trimmed, lower-cased, plus-addressing dropped (`ivan+crm@x.ru` is `ivan@x.ru`: the
 * tag routes mail inside one mailbox). Dots in the local part are kept: only Gmail ignores
 * them and elsewhere they are significant.
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const t = raw
    ?.trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  if (!t) return null;
  const at = t.lastIndexOf('@');
  if (at <= 0 || at === t.length - 1) return null;
  const local = t.slice(0, at).replace(/\+.*$/, '');
  const domain = t.slice(at + 1).replace(/\.$/, '');
  return local ? `${local}@${domain}` : null;
}

/** The domain of an e-mail address, or null for an address that has none. */
export function emailDomain(raw: string | null | undefined): string | null {
  const e = normalizeEmail(raw);
  return e ? (e.split('@')[1] ?? null) : null;
}

/**
 * A company domain: host of a URL or bare domain, lower-cased, without `www.`. Free-mail
 * domains are null: they identify a mailbox provider, not an employer.
 */
export function normalizeDomain(raw: string | null | undefined): string | null {
  let t = raw?.trim().toLowerCase();
  if (!t) return null;
  t = t
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(t)) return null;
  return isFreeMailDomain(t) ? null : t;
}

/**
 * A phone number as E.164 digits (`+79161234567`), through libphonenumber's metadata so
 * `8 (916) 123-45-67` with region RU, `+7 916 123 45 67` and `0079161234567` are one number.
 * A number that does not parse as valid falls back to its bare digits when it has at least
 * 7 of them, so two identical unparseable numbers still match each other.
 */
export function normalizePhone(raw: string | null | undefined, defaultRegion?: CountryCode): string | null {
  const t = raw?.trim();
  if (!t) return null;
  const intl = t.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(intl, defaultRegion);
  if (parsed?.isValid()) return parsed.number;
  const digits = t.replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/**
 * A name as comparable Latin tokens. Diacritics go (José → jose), Cyrillic is transliterated
 * to Latin (Иван → ivan, through @sindresorhus/transliterate's Russian rules), then the
 * spellings that romanisations disagree on are folded to one skeleton so both directions
 * meet: Фёдор → "Fyodor" and the passport spelling "Fedor" both become `fedor`, Ксения →
 * "Kseniya" and "Ksenia" both `ksenia`, "Maksim" and "Maxim" both `maksim`, "Andrey" and
 * "Andrei" both `andrei`. Tokens are sorted, so "Petrov Ivan" is "Ivan Petrov".
 */
export function nameTokens(raw: string | null | undefined): string[] {
  const t = raw?.trim();
  if (!t) return [];
  // Strip combining marks first (ё → е, й → и, ü → u): the Latin skeleton below absorbs them.
  const plain = t.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  const latin = transliterate(plain).toLowerCase();
  return latin
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0)
    .map(skeleton)
    .filter((w) => w.length > 0)
    .sort();
}

/** One word's romanisation-neutral form (see `nameTokens`). */
function skeleton(word: string): string {
  return word
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/yo/g, 'e')
    .replace(/ye/g, 'e')
    .replace(/iy$/, 'i')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** The comparable key of a full name, or null when it has fewer than two words (too weak alone). */
export function nameKey(raw: string | null | undefined): string | null {
  const tokens = nameTokens(raw);
  return tokens.length >= 2 ? tokens.join(' ') : null;
}

/** A company name's key: its words, order kept, legal forms dropped ("ООО Вектор" is "Vektor LLC"). */
const LEGAL_FORMS = new Set([
  'ooo',
  'oao',
  'zao',
  'pao',
  'ao',
  'ip',
  'llc',
  'ltd',
  'inc',
  'gmbh',
  'plc',
  'co',
]);
export function companyKey(raw: string | null | undefined): string | null {
  const t = raw?.trim();
  if (!t) return null;
  const plain = t.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  const words = transliterate(plain)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w))
    .map(skeleton);
  return words.length > 0 ? words.join(' ') : null;
}
