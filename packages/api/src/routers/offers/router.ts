import { router } from '../../trpc.ts';
import { approveDiscountProcedure } from './approve-discount.ts';
import { approveSendProcedure } from './approve-send.ts';
import { createProcedure } from './create.ts';
import { listProcedure } from './list.ts';

export const offersRouter = router({
  list: listProcedure,
  create: createProcedure,
  approveDiscount: approveDiscountProcedure,
  approveSend: approveSendProcedure,
});
