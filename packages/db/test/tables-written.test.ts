import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/schema/all.ts';

/**
 * Issue 17's "every table of the schema is written by some production path": scans the
 * production sources (`packages/* /src`, `apps/* /src`, without the schema itself and the test
 * factories) for an insert, update or upsert into each table — through its drizzle object
 * (`.insert(users)`, `.update(users)`, a helper taking the table object) or its SQL name
 * (`insert into users`). A table nobody writes must be on the allow-list with why.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const EXCLUDED = [/\/schema\//, /\/factories\.ts$/, /\/test-db\.ts$/];

/** Tables no production code writes, each with why (none today). */
const ALLOWED_UNWRITTEN: Record<string, string> = {};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function productionFiles(): string[] {
  const files: string[] = [];
  for (const top of ['packages', 'apps']) {
    for (const pkg of readdirSync(join(ROOT, top))) {
      const src = join(ROOT, top, pkg, 'src');
      try {
        if (statSync(src).isDirectory()) files.push(...sources(src));
      } catch {
        // a package without src (config only)
      }
    }
  }
  return files.filter((f) => !EXCLUDED.some((re) => re.test(f)));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Write patterns for one table: its drizzle export and its SQL name. */
function writesTable(code: string, exportNames: readonly string[], sqlName: string): boolean {
  for (const name of exportNames) {
    const n = escapeRe(name);
    // .insert(users) / .update(users) / .insert(schema.users), possibly across a line break.
    if (new RegExp(`\\.(insert|update)\\(\\s*(?:\\w+\\.)?${n}\\s*[,)]`).test(code)) return true;
  }
  const s = escapeRe(sqlName);
  return new RegExp(`(insert\\s+into|update)\\s+"?(?:public\\.)?"?${s}\\b`, 'i').test(code);
}

/**
 * Generic writers take the table object as an argument (`upsertRows(db, linearIssuesRaw, …)`):
 * a table passed to a function whose body inserts its parameter counts as written too.
 */
function passedToGenericWriter(code: string, exportNames: readonly string[]): boolean {
  return exportNames.some((name) =>
    new RegExp(`\\b(upsert\\w*|insert\\w*|write\\w*)\\(\\s*\\w+\\s*,\\s*${escapeRe(name)}\\b`).test(code),
  );
}

describe('tables written by production code', () => {
  const tables = new Map<string, string[]>();
  for (const [exportName, value] of Object.entries(schema)) {
    if (!is(value, PgTable)) continue;
    const sqlName = getTableConfig(value).name;
    tables.set(sqlName, [...(tables.get(sqlName) ?? []), exportName]);
  }
  const files = productionFiles();
  const code = files.map((f) => readFileSync(f, 'utf8'));

  const unwritten = [...tables.entries()]
    .filter(
      ([sqlName, exportNames]) =>
        !code.some((c) => writesTable(c, exportNames, sqlName) || passedToGenericWriter(c, exportNames)),
    )
    .map(([sqlName]) => sqlName)
    .sort();

  it('when the sources are scanned, then they are found (the scan is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => relative(ROOT, f).startsWith('packages/db/src/queries/'))).toBe(true);
    expect(tables.size).toBeGreaterThan(50);
  });

  it('when a table no production code writes, then it is on the allow-list with why', () => {
    expect(unwritten.filter((t) => !Object.hasOwn(ALLOWED_UNWRITTEN, t))).toEqual([]);
  });

  it('when the allow-list names a table, then it is still unwritten (stale entries fail) and says why', () => {
    for (const [t, why] of Object.entries(ALLOWED_UNWRITTEN)) {
      expect(tables.has(t), t).toBe(true);
      expect(why.length).toBeGreaterThan(5);
    }
    expect(Object.keys(ALLOWED_UNWRITTEN).filter((t) => !unwritten.includes(t))).toEqual([]);
  });

  it('when the patterns are checked, then they find writes and ignore reads', () => {
    expect(writesTable('await db.insert(signals).values(x)', ['signals'], 'signals')).toBe(true);
    expect(writesTable('await tx\n  .update(schema.signals)\n  .set({})', ['signals'], 'signals')).toBe(true);
    expect(writesTable('sql`INSERT INTO "signals" (id) values (1)`', ['x'], 'signals')).toBe(true);
    expect(writesTable('await db.select().from(signals)', ['signals'], 'signals')).toBe(false);
    expect(writesTable('await db.insert(signalsArchive)', ['signals'], 'signals')).toBe(false);
  });
});
