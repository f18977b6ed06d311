import { router } from '../../trpc.ts';
import { getProcedure } from './get.ts';

export const controlTowerRouter = router({ get: getProcedure });
