import { describe, expect, it } from 'vitest';
import { type ForecastModel, defaultForecastModel, predictHorizon } from '../src/kag/forecast/model.ts';
import { type Tree, treeContributions, treeSchema } from '../src/kag/forecast/trees.ts';

/**
 * One depth-2 tree: root splits `strain` at 0.5 (step 0.1); strained days split `age` at 14
 * (young 0.9, old −0.2); calm days are a leaf (−0.3).
 */
const tree: Tree = {
  term: [0, -1, 1, -1, -1],
  cut: [0.5, 0, 14, 0, 0],
  left: [1, -1, 3, -1, -1],
  right: [2, -1, 4, -1, -1],
  value: [0.1, -0.3, 0.4, 0.9, -0.2],
};
const terms = ['strain', 'age', 'unused'];

describe('boosted trees (since forecast-v4)', () => {
  it.each<{ features: Record<string, number>; sum: number; strain: number; age: number }>([
    { features: { strain: 0.2, age: 3 }, sum: -0.3, strain: -0.4, age: 0 },
    { features: { strain: 0.5, age: 30 }, sum: -0.3, strain: -0.4, age: 0 },
    { features: { strain: 0.8, age: 7 }, sum: 0.9, strain: 0.3, age: 0.5 },
    { features: { strain: 0.8, age: 14 }, sum: 0.9, strain: 0.3, age: 0.5 },
    { features: { strain: 0.8, age: 21 }, sum: -0.2, strain: 0.3, age: -0.6 },
    { features: {}, sum: -0.3, strain: -0.4, age: 0 },
  ])('when a day has $features, then the tree adds $sum, credited strain $strain and age $age', (c) => {
    const r = treeContributions([tree], terms, c.features);
    expect(r.sum).toBeCloseTo(c.sum, 12);
    expect(r.byTerm.get('strain') ?? 0).toBeCloseTo(c.strain, 12);
    expect(r.byTerm.get('age') ?? 0).toBeCloseTo(c.age, 12);
    expect(r.byTerm.has('unused')).toBe(false);
    // The credits and the root's step add up to the leaf reached.
    const credited = [...r.byTerm.values()].reduce((a, b) => a + b, 0);
    expect(r.roots + credited).toBeCloseTo(r.sum, 12);
  });

  it('when the node arrays differ in length, then the schema refuses the tree', () => {
    expect(treeSchema.safeParse({ ...tree, cut: [0.5] }).success).toBe(false);
    expect(treeSchema.safeParse(tree).success).toBe(true);
  });

  it('when a split points back at itself or outside the tree, then the schema refuses it', () => {
    expect(treeSchema.safeParse({ ...tree, left: [0, -1, 3, -1, -1] }).success).toBe(false);
    expect(treeSchema.safeParse({ ...tree, right: [2, -1, 9, -1, -1] }).success).toBe(false);
    // A leaf's children are not read.
    expect(treeSchema.safeParse({ ...tree, left: [1, 7, 3, -1, -1] }).success).toBe(true);
  });

  it('when a horizon carries trees, then its log-odds are intercept + roots + Σ contributions and drivers name the terms', () => {
    const base = defaultForecastModel();
    const h = {
      intercept: -3,
      coefficients: {},
      scale: {},
      calibration: { a: 1, b: 0 },
      baseRate: 0.05,
      riskOnly: { a: 1, b: 0 },
      trees: [tree, tree],
    };
    const model: ForecastModel = { ...base, terms, horizons: { '7': h, '14': h, '30': h } };
    const r = predictHorizon(model, 14, { strain: 0.8, age: 7 });
    expect(r.logit).toBeCloseTo(-3 + 2 * 0.9, 12);
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-(-3 + 1.8))), 12);
    expect(r.terms.find((t) => t.term === 'age')?.contribution).toBeCloseTo(1, 12);
    expect(r.terms.find((t) => t.term === 'age')?.coefficient).toBe(0);
    expect(r.logit).toBeCloseTo(-3 + 0.2 + r.terms.reduce((a, t) => a + t.contribution, 0), 12);
  });
});
