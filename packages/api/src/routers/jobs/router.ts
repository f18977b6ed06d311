import { router } from '../../trpc.ts';
import { runProcedure } from './run.ts';
import { schedulerProcedure } from './scheduler.ts';
import { statusProcedure } from './status.ts';
import { tickProcedure } from './tick.ts';

export const jobsRouter = router({
  status: statusProcedure,
  scheduler: schedulerProcedure,
  tick: tickProcedure,
  run: runProcedure,
});
