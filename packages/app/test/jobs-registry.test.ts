import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppDeps } from '../src/deps.ts';
import { jobRegistry } from '../src/scheduler/registry.ts';
import { runJobNow } from '../src/scheduler/run-now.ts';
import { defineJob } from '../src/scheduler/types.ts';

/**
 * Issue 17's "every scheduler job type the registry lists is enabled with a real handler, or
 * removed; none is 'not built yet'". A job that stays disabled must be on this list with why.
 */
const ALLOWED_DISABLED: Record<string, string> = {};

describe('the jobs registry', () => {
  it('when a disabled job is run now, then 409 says why (and an unknown one 404)', async () => {
    const registry = [
      defineJob({
        type: 'held_job',
        description: 'test',
        service: 'test',
        cadenceSeconds: 60,
        timeoutSeconds: 60,
        payload: z.looseObject({}),
        disabled: 'held for the test',
      }),
    ];
    const deps = {} as AppDeps; // refused before any I/O
    const scope = { accountScopeId: 'ws', projectId: 'p' };
    await expect(runJobNow(deps, scope, 'held_job', registry)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('held for the test'),
    });
    await expect(runJobNow(deps, scope, 'no_such_job', registry)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('when listed, then every job is enabled with a handler, except the explained ones', () => {
    const disabled = jobRegistry
      .filter((d) => d.disabledReason !== null || d.load === null)
      .map((d) => d.type);
    expect(disabled.filter((t) => !Object.hasOwn(ALLOWED_DISABLED, t))).toEqual([]);
  });

  it('when a job is enabled, then its handler module loads and exports run', async () => {
    for (const d of jobRegistry.filter((j) => j.load !== null)) {
      const runner = await d.load?.();
      expect(typeof runner, d.type).toBe('function');
    }
  });

  it('when the allow-list names a job, then it still exists and is still disabled (stale entries fail)', () => {
    for (const type of Object.keys(ALLOWED_DISABLED)) {
      const def = jobRegistry.find((d) => d.type === type);
      expect(def, type).toBeDefined();
      expect(def?.disabledReason, type).not.toBeNull();
    }
  });

  it('when a job is disabled, then never because its service is "not built yet"', () => {
    const notBuilt = jobRegistry
      .filter((d) => d.disabledReason?.includes('not built yet'))
      .map((d) => d.type);
    expect(notBuilt).toEqual([]);
  });
});
