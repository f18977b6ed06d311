/** Attio's records query: filter (shorthand and verbose), sorts, limit and offset. */
import type { AttioRecord, Value } from './attio-views.ts';

export class FilterError extends Error {}

/** The value a filter or sort compares for an attribute value, optionally a named field of it. */
function primary(v: Value, field?: string): unknown {
  if (field !== undefined) return v[field];
  switch (v.attribute_type) {
    case 'domain':
      return v.domain;
    case 'email-address':
      return v.email_address;
    case 'phone-number':
      return v.phone_number;
    case 'personal-name':
      return v.full_name;
    case 'record-reference':
      return v.target_record_id;
    case 'actor-reference':
      return v.referenced_actor_id;
    case 'currency':
      return v.currency_value;
    case 'status':
      return (v.status as { title?: unknown } | undefined)?.title;
    case 'select':
      return (v.option as { title?: unknown } | undefined)?.title;
    default:
      return v.value;
  }
}

const OPERATORS = new Set([
  '$eq',
  '$contains',
  '$starts_with',
  '$ends_with',
  '$not_empty',
  '$in',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
]);

function test(actual: unknown, op: string, expected: unknown): boolean {
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
  switch (op) {
    case '$eq':
      return a === e;
    case '$contains':
      return typeof a === 'string' && a.includes(String(e));
    case '$starts_with':
      return typeof a === 'string' && a.startsWith(String(e));
    case '$ends_with':
      return typeof a === 'string' && a.endsWith(String(e));
    case '$not_empty':
      return (a !== null && a !== undefined && a !== '') === (expected !== false);
    case '$in':
      return (
        Array.isArray(expected) &&
        expected.map((x) => (typeof x === 'string' ? x.toLowerCase() : x)).includes(a)
      );
    case '$lt':
      return (a as number | string) < (e as number | string);
    case '$lte':
      return (a as number | string) <= (e as number | string);
    case '$gt':
      return (a as number | string) > (e as number | string);
    case '$gte':
      return (a as number | string) >= (e as number | string);
    default:
      throw new FilterError(`Unknown operator "${op}".`);
  }
}

function matchAttribute(values: Value[], condition: unknown, field?: string): boolean {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return values.some((v) => test(primary(v, field), '$eq', condition));
  }
  const entries = Object.entries(condition as Record<string, unknown>);
  return entries.every(([key, expected]) => {
    if (OPERATORS.has(key)) {
      if (key === '$not_empty')
        return test(values.length > 0 ? primary(values[0] as Value, field) : null, key, expected);
      return values.some((v) => test(primary(v, field), key, expected));
    }
    if (key.startsWith('$')) throw new FilterError(`Unknown operator "${key}".`);
    if (field !== undefined) throw new FilterError(`Invalid nested field "${key}".`);
    return matchAttribute(values, expected, key);
  });
}

export function matchRecord(r: AttioRecord, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Array<Record<string, unknown>>).every((f) => matchRecord(r, f));
    if (key === '$or') return (condition as Array<Record<string, unknown>>).some((f) => matchRecord(r, f));
    if (key === '$not') return !matchRecord(r, condition as Record<string, unknown>);
    if (key === 'path' || key.startsWith('$'))
      throw new FilterError(`Unsupported filter key "${key}" in the sandbox.`);
    const values = r.values[key];
    if (!values) throw new FilterError(`Unknown attribute slug: "${key}".`);
    return matchAttribute(values, condition);
  });
}

export type Sort = { direction?: unknown; attribute?: unknown; field?: unknown };

export function sortRecords(records: AttioRecord[], sorts: Sort[]): AttioRecord[] {
  return records.sort((a, b) => {
    for (const s of sorts) {
      const attribute = String(s.attribute ?? '');
      if (!(attribute in a.values)) throw new FilterError(`Unknown attribute slug: "${attribute}".`);
      const field = typeof s.field === 'string' ? s.field : undefined;
      const va = a.values[attribute]?.[0];
      const vb = b.values[attribute]?.[0];
      const pa = va ? primary(va, field) : null;
      const pb = vb ? primary(vb, field) : null;
      const dir = s.direction === 'desc' ? -1 : 1;
      if (pa === pb) continue;
      if (pa === null || pa === undefined) return 1;
      if (pb === null || pb === undefined) return -1;
      return (pa as number | string) < (pb as number | string) ? -dir : dir;
    }
    return 0;
  });
}
