import { describe, expect, it } from 'vitest';
import { combinations, queryTerms, textTiers } from '../src/search-query.ts';

describe('queryTerms', () => {
  it.each([
    ['When did the client complain about the invoice export?', ['complain', 'invoice', 'export']],
    ['Когда клиент жаловался на «страница отчётов»?', ['жаловался', 'страница', 'отчётов']],
    ['Where is PDF-export v2?', ['pdf', 'export', 'v2']],
    ['the and ?!', []],
    [
      'one two three four five six seven eight nine ten',
      ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'],
    ],
    ['export Export EXPORT', ['export']],
  ])('when the question is %j, then the terms are %j', (question, expected) => {
    expect(queryTerms(question)).toEqual(expected);
  });
});

describe('combinations', () => {
  it.each([
    [
      ['a', 'b', 'c'],
      2,
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ],
    ],
    [['a', 'b'], 2, [['a', 'b']]],
    [['a'], 2, []],
    [['a', 'b'], 0, [[]]],
  ])('when choosing from %j by %i, then the subsets are %j', (items, k, expected) => {
    expect(combinations(items, k)).toEqual(expected);
  });

  it('when choosing 4 of 8, then there are 70 subsets', () => {
    expect(combinations([1, 2, 3, 4, 5, 6, 7, 8], 4)).toHaveLength(70);
  });
});

describe('textTiers', () => {
  it.each([
    [[], []],
    [['export'], [['export']]],
    [
      ['invoice', 'export'],
      [['invoice export'], ['invoice', 'export']],
    ],
    [
      ['complain', 'invoice', 'export'],
      [
        ['complain invoice', 'complain export', 'invoice export'],
        ['complain', 'invoice', 'export'],
      ],
    ],
  ])('when the terms are %j, then the tiers are %j', (terms, expected) => {
    expect(textTiers(terms)).toEqual(expected);
  });

  it('when there are five terms, then the first tier needs three of them', () => {
    expect(textTiers(['a', 'b', 'c', 'd', 'e'])[0]).toHaveLength(10);
  });
});
