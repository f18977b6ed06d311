/**
 * `pnpm bench signals [--seeds 201,202,203] [--fresh]`
 *
 * Per signal, precision and recall against the generator's ground truth, per project-day: the
 * same replayed portfolios as `pnpm bench forecast` (synced through the real connectors, each day
 * judged as it stood), the signal counted as raised on a day when it has any subject that day,
 * and the truth read from the generator's hidden state (bench/lib/signal-truth.ts prints what
 * each signal should catch). The first 28 days of each replay are warm-up (baselines of 4–8
 * weeks) and not scored. Target (quality.md): no signal with precision < 0.5 ships on by default.
 */
import { SIGNAL_KEYS } from '@keel/intelligence/kag/config';
import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { argValue, parseSeeds, replayPortfolio } from './lib/forecast-replay.ts';
import { EVALUATION_SEEDS, FORECAST_SIZE } from './lib/forecast-seeds.ts';
import { SIGNAL_TRUTH, signalTruth } from './lib/signal-truth.ts';

const WARM_UP_DAYS = 28;
const log = (line: string) => process.stdout.write(`${line}\n`);
const seeds = parseSeeds(argValue('seeds', EVALUATION_SEEDS.join(',')));
log(
  `signals: seeds ${seeds.join(', ')} (${FORECAST_SIZE}), per project-day after ${WARM_UP_DAYS} warm-up days`,
);

const counts = new Map<string, { tp: number; fp: number; fn: number; days: number }>();
for (const seed of seeds) {
  const portfolio = await replayPortfolio(seed, FORECAST_SIZE, {
    fresh: process.argv.includes('--fresh'),
    log,
  });
  const truthOf = signalTruth(generatePortfolio({ seed, size: FORECAST_SIZE }));
  for (const p of portfolio.projects) {
    for (const day of p.days.slice(WARM_UP_DAYS)) {
      const truth = truthOf(p.index, Date.parse(`${day.date}T23:59:59.999Z`));
      for (const key of SIGNAL_KEYS) {
        const expected = truth[key];
        if (expected === undefined) continue;
        const raised = (day.signals[key]?.count ?? 0) > 0;
        const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0, days: 0 };
        c.days += 1;
        if (raised && expected) c.tp += 1;
        else if (raised) c.fp += 1;
        else if (expected) c.fn += 1;
        counts.set(key, c);
      }
    }
  }
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  —  ');
log('\n  signal                      raised   truth  precision  recall   ships on (precision ≥ 0.5)');
for (const key of SIGNAL_KEYS) {
  const c = counts.get(key);
  if (!c) {
    log(`  ${key.padEnd(26)}  not scored: a calendar fact, the generator hides nothing about it`);
    continue;
  }
  const precision = c.tp / (c.tp + c.fp);
  const recall = c.tp / (c.tp + c.fn);
  const verdict = c.tp + c.fp === 0 ? 'never raised' : precision >= 0.5 ? 'yes' : 'NO';
  log(
    `  ${key.padEnd(26)} ${String(c.tp + c.fp).padStart(7)} ${String(c.tp + c.fn).padStart(7)}    ${f3(precision)}   ${f3(recall)}   ${verdict}`,
  );
}
log('\n  what each signal should catch (ground truth):');
for (const [key, text] of Object.entries(SIGNAL_TRUTH)) log(`    ${key.padEnd(26)} ${text}`);
