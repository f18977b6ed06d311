import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { describe, expect, it } from 'vitest';
import { matchIdentities } from '../src/identity/match.ts';
import { identityWorld, type Score, score, type Variant } from './identity-world.ts';

/**
 * Precision and recall of the identity suggestions against the generator's people (the demo
 * portfolio is seed 1, size demo; seeds 2 and 3 are other worlds of the same size). Prints the
 * table docs/benchmarks.md quotes: `pnpm vitest run packages/intelligence/test/identity-precision.test.ts`.
 */
const SEEDS = [1, 2, 3];
const VARIANTS: Variant[] = ['served', 'noisy'];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const results: Array<{ seed: number; variant: Variant } & Score> = [];

describe('identity suggestions against the generator', () => {
  for (const seed of SEEDS) {
    const ds = generatePortfolio({ seed, size: 'demo' });
    for (const variant of VARIANTS) {
      it(`seed ${seed}, ${variant}`, () => {
        const s = score(identityWorld(ds, variant), (r) => matchIdentities(r));
        results.push({ seed, variant, ...s });
        // Floors a regression would break (measured figures are in docs/benchmarks.md).
        expect(s.precision).toBeGreaterThanOrEqual(variant === 'served' ? 0.95 : 0.9);
        expect(s.recall).toBeGreaterThanOrEqual(variant === 'served' ? 0.99 : 0.8);
      });
    }
  }

  it('prints the table', () => {
    const lines = results.map(
      (r) =>
        `| ${r.seed}${r.seed === 1 ? ' (demo)' : ''} | ${r.variant} | ${r.tp} | ${r.fp} | ${r.fn} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.personRecall)} | ${pct(r.companyRecall)} |`,
    );
    process.stdout.write(
      [
        '| seed | data | true pairs found | false pairs | missed | precision | recall | recall, same person | recall, works at |',
        '|---|---|---|---|---|---|---|---|---|',
        ...lines,
        '',
      ].join('\n'),
    );
    expect(results).toHaveLength(SEEDS.length * VARIANTS.length);
  });
});
