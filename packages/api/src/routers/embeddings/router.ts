import { router } from '../../trpc.ts';
import { runProcedure } from './run.ts';

export const embeddingsRouter = router({
  run: runProcedure,
});
