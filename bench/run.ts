import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm bench <name> [args]` runs bench/<name>.ts. Benchmarks print their figures and a
 * baseline measured in the same run; docs/benchmarks.md records the latest ones.
 */
const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !existsSync(join(here, `${name}.ts`))) {
  process.stdout.write(`Usage: pnpm bench <name>\nAvailable: ${available.join(', ')}\n`);
  process.exit(name ? 1 : 0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
