import { getDrilldown } from '@keel/app/services/control-tower';
import { authedProcedure } from '../../trpc.ts';
import { drilldownKey, drilldownOut } from '../control-tower/schemas.ts';

/** From one control-tower figure to the projects that make it, each with its contribution. */
export const getProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/analytics/drilldown',
      summary:
        'The projects behind one control-tower figure (metric + currency/band/day/connector) with their contribution; revenue rows carry their deals and sum exactly to the tile per currency',
      tags: ['Control tower'],
    },
  })
  .input(drilldownKey)
  .output(drilldownOut)
  .query(({ ctx, input }) => getDrilldown(ctx.deps, ctx.auth, input));
