import { router } from '../../trpc.ts';
import { createProcedure } from './create.ts';
import { listProcedure } from './list.ts';
import { revokeProcedure } from './revoke.ts';

/** The workspace's API keys: list, create (scoped, read-only, expiring) and revoke — owners only. */
export const apiKeysRouter = router({
  list: listProcedure,
  create: createProcedure,
  revoke: revokeProcedure,
});
