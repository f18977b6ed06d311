import { z } from 'zod';
import { KAG_CONFIG, type KagConfig } from '../config.ts';

/**
 * A candidate config for `pnpm keel replay --config <file>`: a JSON patch over the current one
 * (only the numbers that change, plus a new `version`). Its schema is derived from the current
 * config's own shape, so a misspelt key or a string where a number belongs is refused with its
 * path instead of silently replaying the old value.
 */
type Schema = z.ZodType;

function schemaOf(value: unknown): Schema {
  if (typeof value === 'number') return z.number().finite();
  if (typeof value === 'string') return z.string().min(1);
  if (typeof value === 'boolean') return z.boolean();
  if (Array.isArray(value)) return z.array(schemaOf(value[0]));
  if (value && typeof value === 'object') {
    const shape: Record<string, Schema> = {};
    for (const [k, v] of Object.entries(value)) shape[k] = schemaOf(v).optional();
    return z.strictObject(shape);
  }
  throw new Error(`config value of unsupported type: ${typeof value}`);
}

const patchSchema = (schemaOf(KAG_CONFIG) as z.ZodObject).extend({ version: z.string().min(1) });

function merge(base: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch ?? base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

export type CandidateConfigResult = { ok: true; config: KagConfig } | { ok: false; errors: string[] };

export function parseCandidateConfig(json: unknown, current: KagConfig = KAG_CONFIG): CandidateConfigResult {
  const parsed = patchSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    };
  if (parsed.data.version === current.version)
    return {
      ok: false,
      errors: [`version: "${current.version}" is the current config's; give the candidate its own version`],
    };
  return { ok: true, config: merge(current, parsed.data) as KagConfig };
}
