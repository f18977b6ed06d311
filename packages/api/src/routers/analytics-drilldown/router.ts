import { router } from '../../trpc.ts';
import { getProcedure } from './get.ts';

/** Its own area (not `analytics`): the analytics refresh and overview live in their own router. */
export const analyticsDrilldownRouter = router({ get: getProcedure });
