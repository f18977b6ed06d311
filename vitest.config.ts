import { defineConfig } from 'vitest/config';

/**
 * One run over every package. `scripts/test.sh` runs it twice: embedded (PGlite, in-process
 * bus) and against the machine's PostgreSQL and Redis (KEEL_TEST_DATABASE_URL/KEEL_TEST_REDIS_URL).
 */
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'apps/web/.next/**', 'e2e/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});
