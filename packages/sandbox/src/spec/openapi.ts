/**
 * The vendors' published OpenAPI documents (`vendor-specs/` at the repository root, verbatim
 * copies), read once per process, and the request-body checks the emulators run with them: a
 * body the vendor's spec does not allow is refused the way the vendor refuses it, so a connector
 * that drifts from the spec fails a test instead of passing a lenient emulator.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Req, Res } from '../http/server.ts';

export const SPEC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../vendor-specs');

type Json = Record<string, unknown>;

export function readSpec(name: string): string {
  return readFileSync(resolve(SPEC_DIR, name), 'utf8');
}

/**
 * OpenAPI 3.0's `nullable: true` survives in these 3.1 documents (Attio's actor ids, Chatwoot's
 * assignee). JSON Schema 2020-12 ignores it, which would reject the `null` the vendors really send,
 * so it is rewritten to a `null` branch before compiling.
 */
export function upgradeNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(upgradeNullable);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = upgradeNullable(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    else if (out.$ref || out.allOf || out.oneOf) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

export const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** Returns why `body` breaks the operation's request schema, or null when it conforms. */
export type BodyCheck = (body: unknown) => string | null;

/**
 * Request-body checks for the operations of one OpenAPI JSON document. `patch` corrects the
 * document where it contradicts the vendor's own source (each correction says why at its caller).
 */
export function openapiRequestBodies(file: string, patch: (doc: Json) => void = () => undefined) {
  let ajv: Ajv2020 | null = null;
  let doc: Json | null = null;
  const cache = new Map<string, ValidateFunction>();
  const load = () => {
    if (ajv && doc) return { ajv, doc };
    doc = upgradeNullable(JSON.parse(readSpec(file))) as Json;
    patch(doc);
    ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
    for (const f of ['float', 'double', 'int32', 'int64', 'binary']) ajv.addFormat(f, true);
    ajv.addSchema({ ...doc, $id: file });
    return { ajv, doc };
  };
  return {
    /**
     * Reads and compiles now (≈ 0.3 s for Chatwoot's document) instead of on the first checked
     * request, where a loaded machine could push that request past a client's timeout.
     */
    warm(...checks: BodyCheck[]): void {
      for (const check of checks) check({});
    },
    /** The check for `method path` (path as written in the spec, e.g. `/v2/objects/{object}/records/query`). */
    body(method: string, path: string): BodyCheck {
      return (body) => {
        const key = `${method} ${path}`;
        let validate = cache.get(key);
        if (!validate) {
          const loaded = load();
          const op = (loaded.doc.paths as Record<string, Record<string, Json>>)[path]?.[method.toLowerCase()];
          const content = (op?.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
          if (!content?.['application/json']?.schema)
            throw new Error(`no JSON request body for ${key} in ${file}`);
          validate = loaded.ajv.compile({
            $ref: `${file}#/paths/${escapePointer(path)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`,
          });
          cache.set(key, validate);
        }
        if (validate(body ?? {})) return null;
        return describe(validate);
      };
    },
  };
}

function describe(validate: ValidateFunction): string {
  const e = validate.errors?.[0];
  if (!e) return 'body does not match the schema';
  const where = e.instancePath ? `body${e.instancePath.replaceAll('/', '.')}` : 'body';
  const allowed = Array.isArray(e.params.allowedValues) ? ` (${e.params.allowedValues.join(', ')})` : '';
  return `${where} ${e.message ?? 'is invalid'}${allowed}`;
}

/** Runs `handler` only for a body `check` allows; otherwise answers `refuse(problem)`, the vendor's error. */
export function specChecked(
  check: BodyCheck,
  refuse: (problem: string) => Res,
  handler: (req: Req) => Res,
): (req: Req) => Res {
  return (req) => {
    const problem = check(req.body);
    return problem ? refuse(problem) : handler(req);
  };
}
