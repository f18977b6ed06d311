import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/all.ts';

export type Schema = typeof schema;

/** One type for both drivers: services never know whether they run on PGlite or PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  /** Where the data lives, for logs: a redacted URL or a directory. */
  location: string;
  /** The connection URL (postgres only): migrations open their own single connection with it. */
  url?: string;
  close(): Promise<void>;
};

export type CreateDatabaseOptions = {
  /** postgres:// URL: use PostgreSQL through postgres.js. */
  url?: string;
  /** PGlite data directory; omit (with no url) for an in-memory database. */
  dataDir?: string;
  /** postgres.js pool size. */
  max?: number;
  /**
   * `statement_timeout` of every connection (postgres only): request pools get a short one so a
   * slow search cannot hold connections that sign-in needs; job pools a long one.
   */
  statementTimeoutMs?: number;
  /** Give up opening a connection after this long (postgres only), so an outage fails fast. */
  connectTimeoutSeconds?: number;
};

export async function createDatabase(options: CreateDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      connect_timeout: options.connectTimeoutSeconds ?? 5,
      // Sent in the startup packet, so it holds for every pooled connection.
      ...(options.statementTimeoutMs
        ? { connection: { statement_timeout: options.statementTimeoutMs } }
        : {}),
      onnotice: () => undefined,
      // Timestamps come back as Date; bigint as number is declared per column in the schema.
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      url: options.url,
      location: redactDatabaseUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg = new PGlite({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), extensions: { vector } });
  await pg.waitReady;
  const db = drizzlePglite(pg, { schema }) as unknown as Database;
  return { db, kind: 'pglite', location: options.dataDir ?? 'memory', close: () => pg.close() };
}

export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

/** Rows of a raw SQL statement, whichever driver ran it (PGlite returns {rows}, postgres.js an array). */
export async function queryRows<T = Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** The transaction handle drizzle passes to `db.transaction(cb)`, usable wherever a Database is. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
