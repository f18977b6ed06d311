import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { readRawEnv } from '@keel/core/env';
import { createDatabase, type DatabaseHandle } from './client.ts';
import { migrateDatabase } from './migrate.ts';

/**
 * An isolated, migrated database per test file. With KEEL_TEST_DATABASE_URL set (CI's
 * second pass), a randomly named database is created on that server and dropped on close;
 * otherwise an in-memory PGlite with pgvector.
 */
export type TestDatabase = DatabaseHandle & { name: string; url: string | undefined };

export function testDatabaseTarget(): 'postgres' | 'pglite' {
  return readRawEnv('KEEL_TEST_DATABASE_URL') ? 'postgres' : 'pglite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = readRawEnv('KEEL_TEST_DATABASE_URL');
  if (!adminUrl) {
    const handle = await createDatabase({});
    await migrateDatabase(handle);
    return { ...handle, name: 'pglite-memory', url: undefined };
  }
  const name = `keel_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  const handle = await createDatabase({ url, max: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    name,
    url,
    async close() {
      await handle.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
