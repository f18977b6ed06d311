import { describe, expect, it } from 'vitest';
import { generatePortfolio } from '../src/generate/portfolio.ts';
import { hashDataset } from '../src/hash.ts';
import { advanceWorld } from '../src/generate/advance.ts';
import type { Dataset } from '../src/model.ts';

function versions(ds: Dataset): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of ds.conversations)
    out.set(`conv:${c.uuid}`, `${c.updatedAt}:${c.status}:${c.messages.length}`);
  for (const i of ds.issues) out.set(`issue:${i.id}`, `${i.updatedAt}:${i.stateIndex}`);
  for (const d of ds.deals) out.set(`deal:${d.id}`, `${d.stage}:${d.stageChangedAt}`);
  for (const n of ds.notes) out.set(`note:${n.id}`, '1');
  for (let r = 0; r < ds.messages.length; r++) out.set(`msg:${ds.messages.id[r]}`, '1');
  return out;
}

describe('portfolio generator', () => {
  it('when generated twice with the same seed, then the datasets hash identically', () => {
    const a = hashDataset(generatePortfolio({ seed: 42, size: 'demo' }));
    const b = hashDataset(generatePortfolio({ seed: 42, size: 'demo' }));
    expect(a).toBe(b);
  });

  it('when the seed changes, then the dataset changes', () => {
    expect(hashDataset(generatePortfolio({ seed: 1, size: 'tiny' }))).not.toBe(
      hashDataset(generatePortfolio({ seed: 2, size: 'tiny' })),
    );
  });

  it('when the demo size is generated, then it has 12 projects, a few thousand messages and every trajectory', () => {
    const ds = generatePortfolio({ seed: 7, size: 'demo' });
    expect(ds.projects).toHaveLength(12);
    expect(ds.messages.length).toBeGreaterThan(2000);
    expect(ds.messages.length).toBeLessThan(8000);
    expect(new Set(ds.projects.map((p) => p.trajectory))).toEqual(
      new Set(['healthy', 'slipping', 'escalating', 'recovering', 'churning']),
    );
    expect(ds.clients.some((c) => c.lang === 'ru')).toBe(true);
    expect(ds.clients.some((c) => c.lang === 'en')).toBe(true);
  });

  it('when advanced by one day, then a plausible few percent of records are new or changed and the clock moves', () => {
    const ds = generatePortfolio({ seed: 3, size: 'demo' });
    const before = versions(ds);
    const summary = advanceWorld(ds, 1);
    const after = versions(ds);
    let changed = 0;
    for (const [key, v] of after) if (before.get(key) !== v) changed++;
    const share = changed / before.size;
    expect(share).toBeGreaterThan(0.003);
    expect(share).toBeLessThan(0.08);
    expect(summary.newMessages + summary.updatedIssues + summary.newIssues).toBeGreaterThan(0);
    expect(ds.now - ds.baseDate).toBe(86_400_000);
  });

  it('when advanced twice from the same seed, then both worlds stay byte-identical', () => {
    const a = generatePortfolio({ seed: 5, size: 'tiny' });
    const b = generatePortfolio({ seed: 5, size: 'tiny' });
    advanceWorld(a, 2);
    advanceWorld(b, 2);
    expect(hashDataset(a)).toBe(hashDataset(b));
  });

  it('when a base date is given, then history ends at it and nothing is dated after it', () => {
    const base = '2026-01-15T12:00:00.000Z';
    const ds = generatePortfolio({ seed: 9, size: 'tiny', baseDate: base });
    const limit = Date.parse(base);
    expect(ds.now).toBe(limit);
    expect(Math.max(...ds.issues.map((i) => i.updatedAt))).toBeLessThanOrEqual(limit);
    let maxMessage = 0;
    for (let r = 0; r < ds.messages.length; r++)
      maxMessage = Math.max(maxMessage, ds.messages.createdAt[r] ?? 0);
    expect(maxMessage * 1000).toBeLessThanOrEqual(limit);
  });
});
