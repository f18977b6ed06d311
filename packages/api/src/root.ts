import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { jobsRouter } from './routers/jobs.ts';
import { projectsRouter } from './routers/projects.ts';
import { router } from './trpc.ts';

/** Every area's router, one line each; the REST table and OpenAPI are derived from this. */
export const appRouter = router({
  auth: authRouter,
  projects: projectsRouter,
  audit: auditRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
