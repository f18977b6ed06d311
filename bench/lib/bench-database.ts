import { randomBytes } from 'node:crypto';
import { createDatabase, type DatabaseHandle } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { withDatabase } from '@keel/db/test-db';
import postgres from 'postgres';

/**
 * A migrated, empty database for one benchmark run: in-memory PGlite, or — with
 * KEEL_BENCH_DATABASE_URL — a new database `keel_bench_<name>_<random>` on that server, dropped
 * by `close()`, so no run sees another's rows. `server` overrides the variable (null: PGlite).
 */
export async function openBenchDatabase(
  name: string,
  server: string | null | undefined = process.env.KEEL_BENCH_DATABASE_URL,
): Promise<DatabaseHandle> {
  if (!server) {
    const handle = await createDatabase({});
    await migrateDatabase(handle);
    return handle;
  }
  const database = `keel_bench_${name}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const a = postgres(server, { max: 1, onnotice: () => undefined });
    try {
      await a.unsafe(statement);
    } finally {
      await a.end();
    }
  };
  await admin(`create database ${database}`);
  const handle = await createDatabase({ url: withDatabase(server, database) });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin(`drop database if exists ${database} with (force)`);
    },
  };
}
