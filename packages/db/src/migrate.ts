import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type DatabaseHandle, queryRows } from './client.ts';
import { detectCapabilities, type DbCapabilities } from './capabilities.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Any constant: serialises migrations when several servers or workers boot at once. */
const MIGRATION_LOCK_KEY = 727_274_001;

export type MigrationResult = { applied: number; total: number; capabilities: DbCapabilities };

export async function migrateDatabase(handle: DatabaseHandle): Promise<MigrationResult> {
  const before = await countApplied(handle);
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  } else if (handle.url) {
    // One dedicated connection holds a session advisory lock while drizzle runs the
    // migrations, so servers and workers booting together migrate once, in turn.
    const client = postgres(handle.url, { max: 1, onnotice: () => undefined });
    try {
      await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      await migratePostgres(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    } finally {
      await client.end({ timeout: 5 });
    }
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  }
  const after = await countApplied(handle);
  const capabilities = await detectCapabilities(handle);
  return { applied: after - before, total: after, capabilities };
}

async function countApplied(handle: DatabaseHandle): Promise<number> {
  try {
    const rows = await queryRows<{ n: number | string }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}
