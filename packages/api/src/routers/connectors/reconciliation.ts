import { z } from 'zod';
import { getReconciliationReport } from '@keel/app/services/connectors';
import { projectProcedure } from '../../trpc.ts';
import { reconciliationOut, tags } from './schemas.ts';

export const reconciliationProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/connectors/reconciliation',
      summary: 'Latest reconciliation report',
      tags,
    },
  })
  .output(z.object({ report: reconciliationOut.nullable() }))
  .query(({ ctx }) => getReconciliationReport(ctx.deps, ctx.project));
