import type { RecordedRequest } from '../src/types.ts';

/** "connector resource" for a recorded request, so tests can count requests per resource type. */
export function requestKind(r: RecordedRequest): string {
  const path = new URL(r.url).pathname;
  if (r.connector === 'linear') {
    const query = String((r.body as { query?: unknown } | null)?.query ?? '');
    const op = /query\s+(\w+)/.exec(query)?.[1] ?? 'unknown';
    return `linear ${op}`;
  }
  if (r.connector === 'chatwoot') {
    if (/\/messages$/.test(path)) return 'chatwoot messages';
    if (/\/conversations(\/filter)?$/.test(path)) return 'chatwoot conversations';
    if (/\/inboxes$/.test(path)) return 'chatwoot inboxes';
    return `chatwoot ${path}`;
  }
  if (r.connector === 'attio') {
    const object = /\/v2\/objects\/([^/]+)\//.exec(path)?.[1];
    return object ? `attio ${object}` : `attio ${path.replace('/v2/', '')}`;
  }
  return `${r.connector} ${path}`;
}

export function countKinds(requests: RecordedRequest[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) {
    const k = requestKind(r);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
