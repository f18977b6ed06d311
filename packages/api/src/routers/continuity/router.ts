import { router } from '../../trpc.ts';
import { continuityApplyProcedure } from './apply.ts';
import { continuityListProcedure } from './list.ts';
import { continuityPreviewProcedure } from './preview.ts';

/** Continuity actions (seed: continuity.js). */
export const continuityRouter = router({
  preview: continuityPreviewProcedure,
  actions: continuityListProcedure,
  applyActions: continuityApplyProcedure,
});
