/** `POST /conversations/filter`: Chatwoot's filter service over the dataset. */
import type { Conversation, Dataset } from '../model.ts';

export type FilterCondition = {
  attribute_key?: unknown;
  filter_operator?: unknown;
  values?: unknown;
  query_operator?: unknown;
};

const DATE_KEYS = new Set(['created_at', 'last_activity_at']);
const VALUE_KEYS = new Set([
  'status',
  'assignee_id',
  'inbox_id',
  'priority',
  'display_id',
  'labels',
  'team_id',
]);

function attributeValues(ds: Dataset, c: Conversation, key: string): Array<string | number | null> {
  switch (key) {
    case 'status':
      return [c.status];
    case 'assignee_id':
      return [c.assigneeStaff === null ? null : (ds.staff[c.assigneeStaff]?.chatwootId ?? null)];
    case 'inbox_id':
      return [ds.inboxes[c.inboxIndex]?.id ?? null];
    case 'priority':
      return [c.priority];
    case 'display_id':
      return [c.id];
    case 'labels':
      return c.labels;
    default:
      return [null];
  }
}

function toEpoch(value: unknown): number {
  if (typeof value === 'number') return value;
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? Number.NaN : ms / 1000;
}

export function conversationFilter(
  ds: Dataset,
  conditions: FilterCondition[],
): { list: Conversation[] } | { error: string } {
  const tests: Array<{ test: (c: Conversation) => boolean; op: string }> = [];
  for (const cond of conditions) {
    const key = String(cond.attribute_key ?? '');
    const operator = String(cond.filter_operator ?? '');
    const values = Array.isArray(cond.values) ? cond.values : [cond.values];
    const op = String(cond.query_operator ?? 'and').toLowerCase();
    if (DATE_KEYS.has(key)) {
      const field = (c: Conversation) => (key === 'created_at' ? c.createdAt : c.lastActivityAt);
      if (operator === 'days_before') {
        const days = Number(values[0]);
        const cutoff = ds.now / 1000 - days * 86_400;
        tests.push({ test: (c) => field(c) < cutoff, op });
        continue;
      }
      const at = toEpoch(values[0]);
      if (Number.isNaN(at)) return { error: `Invalid value for ${key}` };
      if (operator === 'is_greater_than') tests.push({ test: (c) => field(c) > at, op });
      else if (operator === 'is_less_than') tests.push({ test: (c) => field(c) < at, op });
      else return { error: `Invalid operator ${operator} for ${key}` };
      continue;
    }
    if (!VALUE_KEYS.has(key)) return { error: `Invalid attribute key - ${key}` };
    const wanted = values
      .map((v) => (typeof v === 'object' && v !== null && 'id' in v ? (v as { id: unknown }).id : v))
      .map(String);
    const hasAny = (c: Conversation) => attributeValues(ds, c, key).some((v) => wanted.includes(String(v)));
    if (operator === 'equal_to' || operator === 'contains') tests.push({ test: hasAny, op });
    else if (operator === 'not_equal_to' || operator === 'does_not_contain')
      tests.push({ test: (c) => !hasAny(c), op });
    else if (operator === 'is_present')
      tests.push({ test: (c) => attributeValues(ds, c, key).some((v) => v !== null), op });
    else if (operator === 'is_not_present')
      tests.push({ test: (c) => attributeValues(ds, c, key).every((v) => v === null), op });
    else return { error: `Invalid operator ${operator} for ${key}` };
  }
  const list = ds.conversations.filter((c) => {
    let result = true;
    let joiner = 'and';
    tests.forEach((t, i) => {
      const v = t.test(c);
      result = i === 0 ? v : joiner === 'or' ? result || v : result && v;
      joiner = t.op;
    });
    return result;
  });
  return { list };
}
