import { STOPWORDS } from './stopwords.ts';

/**
 * From a free-text question to the full-text queries search runs (pure). A question rarely
 * shares every word with its answer ("when did the client complain about the invoice export?"
 * against "the last release broke invoice export again"), and a query of any one word matches
 * most of a big project and then has to rank it all. So the words are tried in tiers: first
 * chunks holding at least half of them (at least two), then, only if those are too few, any one.
 */

/** More words than this add little to a question and multiply the AND groups. */
export const MAX_TERMS = 8;

/** Distinct content words of the question, in order, lower-cased, without stop words. */
export function queryTerms(query: string, max = MAX_TERMS): string[] {
  const words =
    query
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words.filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(terms)].slice(0, max);
}

/** Every k-element subset, in lexicographic order of positions. */
export function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k <= 0 || k > items.length) return k === 0 ? [[]] : [];
  const out: T[][] = [];
  const pick = (start: number, chosen: T[]) => {
    if (chosen.length === k) {
      out.push(chosen);
      return;
    }
    for (let i = start; i <= items.length - (k - chosen.length); i++) pick(i + 1, [...chosen, items[i] as T]);
  };
  pick(0, []);
  return out;
}

/**
 * Tiers of OR-ed AND groups, each group a space-separated phrase for `websearch_to_tsquery`
 * (which ANDs its words). Tier 1: any ⌈n/2⌉ (at least 2) of the n terms; tier 2: any one term.
 */
export function textTiers(terms: readonly string[]): string[][] {
  if (terms.length === 0) return [];
  if (terms.length === 1) return [[...terms]];
  const m = Math.max(2, Math.ceil(terms.length / 2));
  return [combinations(terms, m).map((c) => c.join(' ')), [...terms]];
}
