import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../src/rank-fusion.ts';

describe('reciprocalRankFusion', () => {
  it.each([
    {
      name: 'an id in both lists beats ids in one',
      lists: [
        { name: 'text', ids: ['a', 'b'] },
        { name: 'vector', ids: ['c', 'b'] },
      ],
      order: ['b', 'a', 'c'],
    },
    {
      name: 'equal scores fall back to the best single rank, then the id',
      lists: [
        { name: 'text', ids: ['x', 'y'] },
        { name: 'vector', ids: ['y', 'x'] },
      ],
      order: ['x', 'y'],
    },
    {
      name: 'one empty list leaves the other order as is',
      lists: [
        { name: 'text', ids: ['p', 'q', 'r'] },
        { name: 'vector', ids: [] },
      ],
      order: ['p', 'q', 'r'],
    },
    { name: 'no lists give nothing', lists: [], order: [] },
    {
      name: 'a weight tilts the fusion',
      lists: [
        { name: 'text', ids: ['a', 'b'], weight: 1 },
        { name: 'vector', ids: ['b', 'a'], weight: 3 },
      ],
      order: ['b', 'a'],
    },
  ])('when $name, then the order is $order', ({ lists, order }) => {
    expect(reciprocalRankFusion(lists).map((h) => h.id)).toEqual(order);
  });

  it('when a document ranks first and third, then its score is 1/61 + 1/63 and both ranks are kept', () => {
    const [hit] = reciprocalRankFusion([
      { name: 'text', ids: ['d'] },
      { name: 'vector', ids: ['e', 'f', 'd'] },
    ]);
    expect(hit?.id).toBe('d');
    expect(hit?.score).toBeCloseTo(1 / 61 + 1 / 63, 10);
    expect(hit?.ranks).toEqual({ text: 1, vector: 3 });
  });

  it('when a list repeats an id, then only its best position counts', () => {
    const hits = reciprocalRankFusion([{ name: 'text', ids: ['a', 'a', 'b'] }]);
    expect(hits.find((h) => h.id === 'a')?.score).toBeCloseTo(1 / 61, 10);
  });
});
