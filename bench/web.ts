import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm bench web`: LCP, time to data (desktop and a throttled phone) and first-load JS of the portfolio, recommendations, control tower, project, connectors and
 * conversations screens. The measurement drives Chromium through Playwright, which lives in the e2e package;
 * this entry point runs it there (see e2e/scripts/bench-web.ts).
 */
const e2e = join(dirname(fileURLToPath(import.meta.url)), '../e2e');
const result = spawnSync('pnpm', ['exec', 'tsx', 'scripts/bench-web.ts', ...process.argv.slice(2)], {
  cwd: e2e,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
