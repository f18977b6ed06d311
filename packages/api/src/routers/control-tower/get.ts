import { getControlTower } from '@keel/app/services/control-tower';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { controlTowerOut } from './schemas.ts';

/**
 * The executive's screen (intelligence.js getControlTower) over every project the caller can see:
 * an exec or owner the whole workspace, a pm or viewer their own projects. Reading only.
 */
export const getProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/control-tower',
      summary:
        'Health distribution and trend, revenue at risk per currency, forecast movers, top risks, SLA compliance with its definition, recommendations acted on and data freshness — each with as_of and a drilldown key',
      tags: ['Control tower'],
    },
  })
  .input(z.object({}).optional())
  .output(controlTowerOut)
  .query(({ ctx }) => getControlTower(ctx.deps, ctx.auth));
