import { router } from '../../trpc.ts';
import { applyProcedure } from './apply.ts';
import { dismissProcedure } from './dismiss.ts';
import { linksProcedure } from './links.ts';
import { listProcedure } from './list.ts';
import { previewProcedure } from './preview.ts';
import { undoProcedure } from './undo.ts';

export const identityRouter = router({
  preview: previewProcedure,
  list: listProcedure,
  applySuggestions: applyProcedure,
  dismiss: dismissProcedure,
  links: linksProcedure,
  undo: undoProcedure,
});
