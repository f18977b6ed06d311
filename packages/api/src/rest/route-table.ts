import type { AnyProcedure, AnyRouter } from '@trpc/server';
import type { ZodType } from 'zod';
import { type AccessLevel, isSyncOutput, type Meta, type RestMeta } from '../trpc.ts';

/** One REST route, derived from a tRPC procedure's meta: the seed's path → the procedure. */
export type RestRoute = RestMeta & {
  procedurePath: string;
  access: AccessLevel;
  kind: 'query' | 'mutation';
  input: ZodType | undefined;
  output: ZodType | undefined;
  pathParams: string[];
};

type ProcedureDef = {
  type: 'query' | 'mutation' | 'subscription';
  meta?: Meta;
  inputs: unknown[];
  output?: unknown;
};

function isZod(value: unknown): value is ZodType {
  return typeof value === 'object' && value !== null && 'safeParse' in value && '_zod' in value;
}

export function buildRestRoutes(appRouter: AnyRouter): RestRoute[] {
  const procedures = appRouter._def.procedures as Record<string, AnyProcedure>;
  const routes: RestRoute[] = [];
  const seen = new Set<string>();
  for (const [procedurePath, procedure] of Object.entries(procedures)) {
    const def = procedure._def as unknown as ProcedureDef;
    const rest = def.meta?.rest;
    if (!rest || def.type === 'subscription') continue;
    const key = `${rest.method} ${rest.path}`;
    if (seen.has(key)) throw new Error(`Duplicate REST route ${key} (${procedurePath})`);
    seen.add(key);
    const input = def.inputs[0];
    routes.push({
      ...rest,
      procedurePath,
      access: def.meta?.access ?? 'public',
      kind: def.type,
      input: isZod(input) ? input : undefined,
      output: isSyncOutput(def.output) ? def.output.schema : isZod(def.output) ? def.output : undefined,
      pathParams: [...rest.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? ''),
    });
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
