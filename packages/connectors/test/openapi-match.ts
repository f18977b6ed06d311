import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/**
 * Matches a recorded request to an operation of a vendor's OpenAPI document: method, path
 * template, query parameter names, and top-level body keys (when the schema lists them).
 */
type Json = Record<string, unknown>;
export type Spec = { paths: Record<string, Record<string, Json>>; components?: Json };

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function loadSpec(file: string): Spec {
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text)) as Spec;
}

function deref(spec: Spec, node: unknown): Json {
  let n = node as Json;
  for (let i = 0; i < 10 && n && typeof n.$ref === 'string'; i++) {
    const parts = (n.$ref as string).replace(/^#\//, '').split('/');
    let cur: unknown = spec;
    for (const p of parts) cur = (cur as Json)[p];
    n = cur as Json;
  }
  return n ?? {};
}

function templateRegex(template: string): RegExp {
  return new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}$`,
  );
}

export type MatchResult = { ok: true; operation: string } | { ok: false; reason: string };

export function matchRequest(
  spec: Spec,
  request: { method: string; path: string; query: string[]; body: unknown },
): MatchResult {
  const candidates = Object.entries(spec.paths).filter(([template]) =>
    templateRegex(template).test(request.path),
  );
  // Prefer a literal segment over a parameter (`/conversations/filter` over `/conversations/{id}`).
  candidates.sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const [template, item] of candidates) {
    const op = item[request.method.toLowerCase()];
    if (!op) continue;
    const params = [...list(item.parameters), ...list(op.parameters)].map((p) => deref(spec, p));
    const queryNames = new Set(
      params.filter((p) => p.in === 'query').map((p) => String(p.name).replace(/\[\]$/, '')),
    );
    const unknownQuery = request.query.filter((q) => !queryNames.has(q.replace(/\[\]$/, '')));
    if (unknownQuery.length > 0)
      return { ok: false, reason: `${template}: undeclared query ${unknownQuery.join(',')}` };
    if (request.body !== undefined) {
      const body = deref(spec, op.requestBody);
      const schema = deref(
        spec,
        (body.content as Json | undefined)?.['application/json'] &&
          ((body.content as Json)['application/json'] as Json).schema,
      );
      const props = schema.properties as Json | undefined;
      if (props && schema.additionalProperties === false) {
        const extra = Object.keys(request.body as Json).filter((k) => !(k in props));
        if (extra.length > 0)
          return { ok: false, reason: `${template}: undeclared body keys ${extra.join(',')}` };
      } else if (props && typeof request.body === 'object' && request.body !== null) {
        const known = Object.keys(request.body as Json).filter((k) => k in props);
        if (known.length === 0)
          return { ok: false, reason: `${template}: body shares no key with the schema` };
      }
    }
    return { ok: true, operation: `${request.method} ${template}` };
  }
  return { ok: false, reason: `no operation for ${request.method} ${request.path}` };
}
