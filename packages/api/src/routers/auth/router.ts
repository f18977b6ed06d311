import { router } from '../../trpc.ts';
import { loginProcedure } from './login.ts';
import { logoutProcedure } from './logout.ts';
import { meProcedure } from './me.ts';
import { switchWorkspaceProcedure } from './switch-workspace.ts';
import { workspacesProcedure } from './workspaces.ts';

export const authRouter = router({
  login: loginProcedure,
  me: meProcedure,
  logout: logoutProcedure,
  workspaces: workspacesProcedure,
  switchWorkspace: switchWorkspaceProcedure,
});
