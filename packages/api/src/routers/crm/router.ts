import { router } from '../../trpc.ts';
import { createAccountProcedure } from './create-account.ts';
import { createOpportunityProcedure } from './create-opportunity.ts';
import { listAccountsProcedure } from './list-accounts.ts';
import { listOpportunitiesProcedure } from './list-opportunities.ts';
import { moveStageProcedure } from './move-stage.ts';
import { overviewProcedure } from './overview.ts';

export const crmRouter = router({
  accounts: listAccountsProcedure,
  createAccount: createAccountProcedure,
  opportunities: listOpportunitiesProcedure,
  createOpportunity: createOpportunityProcedure,
  moveStage: moveStageProcedure,
  overview: overviewProcedure,
});
