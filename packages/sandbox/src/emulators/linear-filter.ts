/** Linear's filter language (comparators, and/or, nested relation filters) and Relay pagination. */
import { GraphQLError } from 'graphql';

export function inputError(message: string, presentable = message): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      type: 'invalid input',
      code: 'INPUT_ERROR',
      statusCode: 400,
      userError: true,
      userPresentableMessage: presentable,
    },
  });
}

const DURATION =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** DateTimeOrDuration: an ISO date-time, or an ISO duration relative to now such as `-P2W`. */
export function parseDateOrDuration(value: unknown, now: number): number {
  const text = String(value);
  const m = DURATION.exec(text);
  if (m && text !== 'P' && text !== '-P') {
    const n = (i: number) => Number(m[i] ?? 0);
    const ms =
      (n(2) * 365 + n(3) * 30 + n(4) * 7 + n(5)) * 86_400_000 +
      n(6) * 3_600_000 +
      n(7) * 60_000 +
      n(8) * 1000;
    return m[1] ? now - ms : now + ms;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw inputError(`Invalid date or duration: ${text}`);
  return ms;
}

export type FieldSpec<T> =
  | { kind: 'date' | 'timeless'; get: (x: T) => number | string | null }
  | { kind: 'string' | 'id'; get: (x: T) => string | null }
  | { kind: 'number'; get: (x: T) => number | null }
  | { kind: 'boolean'; get: (x: T) => boolean | null }
  | { kind: 'relation'; get: (x: T) => unknown; spec: () => FilterSpec<unknown> };

export type FilterSpec<T> = Record<string, FieldSpec<T>>;

type Comparator = Record<string, unknown>;

function toComparable(kind: string, value: unknown, now: number): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'date') return typeof value === 'number' ? value : parseDateOrDuration(value, now);
  if (kind === 'timeless') {
    const ms = typeof value === 'number' ? value : parseDateOrDuration(value, now);
    return new Date(ms).toISOString().slice(0, 10);
  }
  return value;
}

function compare(kind: string, actual: unknown, cmp: Comparator, now: number): boolean {
  const a = toComparable(kind, actual, now);
  for (const [op, raw] of Object.entries(cmp)) {
    if (raw === undefined) continue;
    if (op === 'null') {
      if ((a === null) !== raw) return false;
      continue;
    }
    const list = Array.isArray(raw) ? raw.map((v) => toComparable(kind, v, now)) : [];
    const v = Array.isArray(raw) ? null : toComparable(kind, raw, now);
    const sa = typeof a === 'string' ? a : String(a);
    const sv = String(v);
    const ok = (() => {
      switch (op) {
        case 'eq':
          return a === v;
        case 'neq':
          return a !== v;
        case 'in':
          return list.includes(a);
        case 'nin':
          return !list.includes(a);
        case 'gt':
          return a !== null && v !== null && (a as number) > (v as number);
        case 'gte':
          return a !== null && v !== null && (a as number) >= (v as number);
        case 'lt':
          return a !== null && v !== null && (a as number) < (v as number);
        case 'lte':
          return a !== null && v !== null && (a as number) <= (v as number);
        case 'contains':
          return a !== null && sa.includes(sv);
        case 'notContains':
          return a === null || !sa.includes(sv);
        case 'containsIgnoreCase':
          return a !== null && sa.toLowerCase().includes(sv.toLowerCase());
        case 'eqIgnoreCase':
          return a !== null && sa.toLowerCase() === sv.toLowerCase();
        case 'startsWith':
          return a !== null && sa.startsWith(sv);
        case 'endsWith':
          return a !== null && sa.endsWith(sv);
        default:
          throw inputError(`Unsupported comparator ${op}`);
      }
    })();
    if (!ok) return false;
  }
  return true;
}

export function matchesFilter<T>(
  item: T,
  filter: Record<string, unknown> | null | undefined,
  spec: FilterSpec<T>,
  now: number,
): boolean {
  if (!filter) return true;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (key === 'and') {
      if (!(value as Array<Record<string, unknown>>).every((f) => matchesFilter(item, f, spec, now)))
        return false;
      continue;
    }
    if (key === 'or') {
      if (!(value as Array<Record<string, unknown>>).some((f) => matchesFilter(item, f, spec, now)))
        return false;
      continue;
    }
    if (key === 'null') continue;
    const field = spec[key];
    if (!field) throw inputError(`Unsupported filter field ${key}`);
    if (field.kind === 'relation') {
      const target = field.get(item);
      const sub = value as Record<string, unknown>;
      if (sub.null === true && target !== null) return false;
      if (sub.null === false && target === null) return false;
      const rest = Object.keys(sub).filter((k) => k !== 'null');
      if (rest.length === 0) continue;
      if (target === null || !matchesFilter(target, sub, field.spec(), now)) return false;
      continue;
    }
    if (!compare(field.kind, field.get(item), value as Comparator, now)) return false;
  }
  return true;
}

export type ConnectionArgs = {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  orderBy?: 'createdAt' | 'updatedAt' | null;
  filter?: Record<string, unknown> | null;
};

export type Connection<N> = {
  nodes: N[];
  edges: Array<{ cursor: string; node: N }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
};

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 250;

/**
 * Orders newest first by `orderBy` (createdAt by default), applies `after`/`before` cursors (the
 * node id) and `first`/`last`. Linear's exact ordering direction is not documented; connectors
 * should not depend on it.
 */
export function paginate<T extends { id: string; createdAt: number; updatedAt: number }, N>(
  items: T[],
  args: ConnectionArgs,
  toNode: (item: T) => N,
): Connection<N> {
  for (const n of [args.first, args.last]) {
    if (n !== null && n !== undefined && (n < 0 || n > MAX_PAGE_SIZE)) {
      throw inputError(`first/last must be between 0 and ${MAX_PAGE_SIZE}`, 'Argument validation error');
    }
  }
  const key = args.orderBy === 'updatedAt' ? 'updatedAt' : 'createdAt';
  const sorted = [...items].sort((a, b) => b[key] - a[key] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const i = sorted.findIndex((x) => x.id === args.after);
    if (i >= 0) start = i + 1;
  }
  if (args.before) {
    const i = sorted.findIndex((x) => x.id === args.before);
    if (i >= 0) end = i;
  }
  let slice = sorted.slice(start, end);
  const first = args.first ?? (args.last === null || args.last === undefined ? DEFAULT_PAGE_SIZE : null);
  let hasNextPage = false;
  let hasPreviousPage = start > 0;
  if (first !== null) {
    hasNextPage = slice.length > first || end < sorted.length;
    slice = slice.slice(0, first);
  }
  if (args.last !== null && args.last !== undefined) {
    hasPreviousPage = slice.length > args.last || start > 0;
    slice = slice.slice(Math.max(0, slice.length - args.last));
  }
  const nodes = slice.map(toNode);
  return {
    nodes,
    edges: slice.map((item, i) => ({ cursor: item.id, node: nodes[i] as N })),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: slice[0]?.id ?? null,
      endCursor: slice[slice.length - 1]?.id ?? null,
    },
  };
}
