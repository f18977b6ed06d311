import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAllConnectorsSync } from '../src/connector-sync.ts';
import { createHarness, type Harness, scopeOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('smoke', () => {
  it('when one project syncs, then rows land', async () => {
    const results = await runAllConnectorsSync(h.db.db, scopeOf(h), h.deps);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  }, 60_000);
});
