import { defineConfig } from 'drizzle-kit';

/** Run from the repo root (`pnpm db:generate`): paths are relative to it. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/all.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
