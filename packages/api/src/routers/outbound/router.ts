import { router } from '../../trpc.ts';
import { approveProcedure } from './approve.ts';
import { draftProcedure } from './draft.ts';
import { listProcedure } from './list.ts';
import { optOutProcedure } from './opt-out.ts';
import { processProcedure } from './process.ts';
import { sendProcedure } from './send.ts';

export const outboundRouter = router({
  list: listProcedure,
  draft: draftProcedure,
  approve: approveProcedure,
  send: sendProcedure,
  optOut: optOutProcedure,
  process: processProcedure,
});
