/**
 * Benchmark: generate the bench-100 portfolio (target < 30 s) and print its figures.
 * Run: `tsx bench/sandbox-generate.ts [size] [seed]` or `pnpm bench sandbox-generate`.
 */
import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { hashDataset } from '@keel/sandbox/hash';
import { isSizeName } from '@keel/sandbox/sizes';

const size = process.argv[2] ?? 'bench-100';
const seed = Number(process.argv[3] ?? 1);
if (!isSizeName(size)) throw new Error(`unknown size ${size}`);

const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const ds = generatePortfolio({ size, seed });
const generatedMs = performance.now() - started;
const heapAfter = process.memoryUsage().heapUsed;
const hashStarted = performance.now();
const hash = hashDataset(ds);
const hashMs = performance.now() - hashStarted;

const figures = {
  size,
  seed,
  generate_ms: Math.round(generatedMs),
  hash_ms: Math.round(hashMs),
  heap_mb: Math.round((heapAfter - heapBefore) / 1e6),
  projects: ds.projects.length,
  clients: ds.clients.length,
  conversations: ds.conversations.length,
  messages: ds.messages.length,
  issues: ds.issues.length,
  deals: ds.deals.length,
  notes: ds.notes.length,
  hash: hash.slice(0, 16),
  target_ms: 30_000,
  within_target: generatedMs < 30_000,
};
console.log(JSON.stringify(figures, null, 2));
if (size === 'bench-100' && generatedMs >= 30_000) process.exitCode = 1;
