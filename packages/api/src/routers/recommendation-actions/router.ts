import { router } from '../../trpc.ts';
import { listProcedure } from './list.ts';
import { notificationsProcedure } from './notifications.ts';
import { retryProcedure } from './retry.ts';
import { runProcedure } from './run.ts';

export const recommendationActionsRouter = router({
  list: listProcedure,
  run: runProcedure,
  retry: retryProcedure,
  notifications: notificationsProcedure,
});
