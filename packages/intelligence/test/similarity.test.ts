import { describe, expect, it } from 'vitest';
import { SIGNATURE_DIMS, caseSignature } from '../src/kag/similarity/signature.ts';
import { type CaseCandidate, nearestCases } from '../src/kag/similarity/nearest.ts';
import { historyDays } from './history-day-builder.ts';

const dim = (name: string) => SIGNATURE_DIMS.indexOf(name);

describe('caseSignature', () => {
  it('when there is no day, then it is all zeros of the fixed length', () => {
    expect(caseSignature([])).toEqual(SIGNATURE_DIMS.map(() => 0));
  });

  it.each([
    { risks: [10, 10, 10, 10, 10, 10, 10, 40], dimName: 'trend:risk_slope_7d', value: 0.3 },
    { risks: [50, 40, 30, 20, 10, 10, 10, 10], dimName: 'trend:risk_slope_7d', value: -0.4 },
    { risks: [10, 20], dimName: 'trend:risk_slope_7d', value: 0.1 },
    { risks: [80, 10], dimName: 'trend:risk_max_14d', value: 0.8 },
    { risks: [25], dimName: 'score:risk', value: 0.25 },
  ])('when risks are $risks, then $dimName is $value', ({ risks, dimName, value }) => {
    const v = caseSignature(historyDays(risks));
    expect(v).toHaveLength(SIGNATURE_DIMS.length);
    expect(v[dim(dimName)]).toBeCloseTo(value, 6);
  });

  it('when signals and components are set, then they land in their dimensions within [0, 1]', () => {
    const [day] = historyDays([30], {
      signals: { client_waiting: { severity: 0.6, count: 2 }, overdue_issues: { severity: 1.4, count: 1 } },
      components: [{ category: 'delivery', weight: 0.3, value: 0.5, contribution: 15 }],
      metrics: { daysSinceClientMessage: null } as never,
    });
    const v = caseSignature(day ? [day] : []);
    expect(v[dim('signal:client_waiting')]).toBe(0.6);
    expect(v[dim('signal:overdue_issues')]).toBe(1);
    expect(v[dim('component:delivery')]).toBe(0.5);
    expect(v[dim('metric:days_since_client_message')]).toBe(1);
    expect(v.every((x) => x >= -1 && x <= 1)).toBe(true);
  });
});

describe('nearestCases', () => {
  const c = (snapshotId: string, projectId: string, vector: number[]): CaseCandidate => ({
    snapshotId,
    projectId,
    snapshotDate: '2025-05-01',
    vector,
  });
  const candidates = [
    c('s1', 'p1', [0, 0]),
    c('s2', 'p2', [1, 0]),
    c('s3', 'p3', [0, 1]),
    c('s4', 'p2', [0.1, 0]),
    c('s0', 'p4', [3, 4]),
  ];
  it.each([
    { query: [0, 0], project: 'p9', k: 2, ids: ['s1', 's4'] },
    { query: [0, 0], project: 'p1', k: 2, ids: ['s4', 's2'] },
    // s2 and s3 are equally far from (0.5, 0.5): the tie breaks on snapshotId.
    { query: [0.5, 0.5], project: 'p1', k: 2, ids: ['s4', 's2'] },
    { query: [1, 1], project: 'p9', k: 3, ids: ['s2', 's3', 's4'] },
    { query: [0, 0], project: 'p9', k: 0, ids: [] },
    { query: [0, 0], project: 'p9', k: 10, ids: ['s1', 's4', 's2', 's3', 's0'] },
  ])('when the query is $query from $project, k=$k, then $ids', ({ query, project, k, ids }) => {
    const got = nearestCases({ projectId: project, vector: query }, candidates, k);
    expect(got.map((n) => n.candidate.snapshotId)).toEqual(ids);
  });

  it('when the candidates come in another order, then the answer is the same', () => {
    const q = { projectId: 'p9', vector: [0.5, 0.5] };
    const a = nearestCases(q, candidates, 4).map((n) => n.candidate.snapshotId);
    const b = nearestCases(q, [...candidates].reverse(), 4).map((n) => n.candidate.snapshotId);
    expect(b).toEqual(a);
    expect(nearestCases(q, candidates, 1)[0]?.distance).toBeCloseTo(Math.sqrt(0.16 + 0.25), 9);
  });

  it('when vectors differ in length, then it refuses', () => {
    expect(() => nearestCases({ projectId: 'p', vector: [0] }, candidates, 1)).toThrow(/length/);
  });
});
