/**
 * `pnpm bench forecast-replay --seeds 101,102 [--fresh]`
 *
 * Only fills the replay cache (.bench-cache/forecast/) for the seeds, so `fit-forecast` and
 * `forecast` then read day evaluations instead of re-syncing. Prints nothing about outcomes.
 */
import { argValue, parseSeeds, replayPortfolio } from './lib/forecast-replay.ts';
import { FORECAST_SIZE } from './lib/forecast-seeds.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
for (const seed of parseSeeds(argValue('seeds', '101,102,103,104,105'))) {
  const r = await replayPortfolio(seed, FORECAST_SIZE, { fresh: process.argv.includes('--fresh'), log });
  log(`  seed ${seed}: ${r.cached ? 'cached already' : 'replayed'}`);
}
