import { sql } from 'drizzle-orm';
import { type DatabaseHandle, queryRows } from './client.ts';
import { dbCapabilities } from './schema/platform.ts';

export type DbCapabilities = { vector: boolean; vectorDetail: string };

/**
 * pgvector is optional: PGlite ships it, PostgreSQL may not. Creating the extension happens
 * outside the migrations (a failed CREATE EXTENSION would roll the whole migration back) and
 * the outcome is recorded so /health and search can say which mode they run in.
 */
export async function detectCapabilities(handle: DatabaseHandle): Promise<DbCapabilities> {
  let vector = false;
  let vectorDetail: string;
  try {
    await handle.db.execute(sql`create extension if not exists vector`);
    const rows = await queryRows<{ v: string }>(
      handle.db,
      sql`select extversion as v from pg_extension where extname = 'vector'`,
    );
    vector = rows.length > 0;
    vectorDetail = vector ? `pgvector ${rows[0]?.v ?? ''}`.trim() : 'extension not installed';
  } catch (error) {
    vectorDetail = `pgvector unavailable: ${error instanceof Error ? error.message : String(error)}`;
  }
  await handle.db
    .insert(dbCapabilities)
    .values({ name: 'vector', enabled: vector, detail: vectorDetail })
    .onConflictDoUpdate({
      target: dbCapabilities.name,
      set: { enabled: vector, detail: vectorDetail, checkedAt: new Date() },
    });
  return { vector, vectorDetail };
}

export async function readCapabilities(handle: Pick<DatabaseHandle, 'db'>): Promise<DbCapabilities> {
  const rows = await handle.db.select().from(dbCapabilities);
  const v = rows.find((r) => r.name === 'vector');
  return { vector: v?.enabled ?? false, vectorDetail: v?.detail ?? 'not checked' };
}
