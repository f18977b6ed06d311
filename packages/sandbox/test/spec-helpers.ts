/**
 * Loads the vendors' published specifications from vendor-specs/ (verbatim copies of ../shared/vendor-specs) once per test file and
 * validates emulator responses against the response schema of an operation.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { escapePointer, readSpec, upgradeNullable } from '../src/spec/openapi.ts';

type Json = Record<string, unknown>;

export type SpecValidator = {
  /** Validates `body` against the response schema of `method path` for `status`; returns error text or null. */
  check(method: string, path: string, status: number, body: unknown): string | null;
  hasOperation(method: string, path: string): boolean;
};

export type SpecOptions = {
  /**
   * Attio's spec tags timestamp values with `format: date` although its own description and every
   * real response carry full ISO timestamps. JSON Schema 2020-12 treats `format` as an annotation,
   * so for that document `date` also accepts a date-time.
   */
  dateAcceptsDateTime?: boolean;
};

export function loadSpec(name: string, options: SpecOptions = {}): SpecValidator {
  const text = readSpec(name);
  const doc = upgradeNullable(name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  for (const f of ['float', 'double', 'int32', 'int64', 'binary']) ajv.addFormat(f, true);
  if (options.dateAcceptsDateTime) {
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/);
  }
  ajv.addSchema({ ...doc, $id: name });
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return {
    hasOperation: (method, path) => Boolean(paths[path]?.[method.toLowerCase()]),
    check(method, path, status, body) {
      const op = paths[path]?.[method.toLowerCase()] as { responses?: Record<string, Json> } | undefined;
      if (!op) return `no operation ${method} ${path} in ${name}`;
      let response = op.responses?.[String(status)];
      if (response && typeof response.$ref === 'string') {
        const [, ...parts] = response.$ref.split('/');
        response = parts.reduce<unknown>((node, key) => (node as Json)[key], doc) as Json;
      }
      const content = (response?.content as Record<string, Json> | undefined)?.['application/json'];
      if (!content?.schema) return `no JSON response schema for ${method} ${path} ${status} in ${name}`;
      const pointer = `${name}#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      const ref = op.responses?.[String(status)]?.$ref as string | undefined;
      const key = ref ? `${name}${ref}/content/application~1json/schema` : pointer;
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile({ $ref: key });
        cache.set(key, validate);
      }
      if (validate(body)) return null;
      return ajv.errorsText(validate.errors, { separator: '\n' });
    },
  };
}
