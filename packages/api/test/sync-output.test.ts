import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildRestRoutes } from '../src/rest/route-table.ts';
import { createCallerFactory, isSyncOutput, publicProcedure, router } from '../src/trpc.ts';

/** Output checks use zod's synchronous parse (tRPC would call parseAsync), with the same results. */
const out = z.object({ n: z.number(), label: z.string() });
const parseAsync = vi.spyOn(out, 'parseAsync');

const testRouter = router({
  good: publicProcedure
    .meta({ rest: { method: 'GET', path: '/good', summary: 'good', tags: ['t'] } })
    .output(out)
    .query(() => ({ n: 1, label: 'one', extra: 'dropped' }) as { n: number; label: string }),
  bad: publicProcedure.output(out).query(() => ({ n: 'one' }) as unknown as { n: number; label: string }),
});

const caller = createCallerFactory(testRouter)({} as never);

describe('output validation', () => {
  it('when a procedure declares an output schema, then tRPC holds a synchronous validator around it', () => {
    const def = testRouter._def.procedures.good._def as unknown as { output: unknown };
    expect(isSyncOutput(def.output)).toBe(true);
  });

  it('when the output is valid, then it is parsed (unknown keys stripped) without the async path', async () => {
    expect(await caller.good()).toEqual({ n: 1, label: 'one' });
    expect(parseAsync).not.toHaveBeenCalled();
  });

  it('when the output breaks its schema, then the call fails as an internal error', async () => {
    const error = await caller.bad().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('when the REST table is built, then the route still carries the zod schema for OpenAPI', () => {
    const [route] = buildRestRoutes(testRouter);
    expect(route?.output).toBe(out);
  });
});
