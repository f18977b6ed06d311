import type { AppDeps } from '@keel/app/deps';
import { ownerActing } from '@keel/app/identity';
import { ensureDemoOutbound } from '@keel/app/services/demo-outbound';
import { createProject } from '@keel/app/services/projects';
import { syncDepsOf } from '@keel/app/services/connector-sync';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import { bindPortfolio, type BoundProject } from '@keel/connectors/portfolio-bindings';
import type { SyncDeps } from '@keel/connectors/types';
import { findSourceBinding } from '@keel/db/queries/connectors-sources';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';

/**
 * Demo mode's connectors: the sandbox emulators run in-process with the generated `demo`
 * portfolio (its "now" is the real now), the demo workspace gets the sandbox's credentials, and
 * each sandbox project becomes a Keel project bound to its inbox, Linear team and project, and
 * Attio company (or its deals, when another project already owns the company). Then one sync
 * per project runs in the background so the dashboard fills without waiting for the scheduler;
 * each synced project's scoring and embedding jobs are brought forward to the next tick, and the
 * first project's Outbound screen gets a draft to approve and a held message (demo-outbound.ts).
 *
 *   const demo = await startDemoSandbox(deps, { accountScopeId, ownerUserId });
 *   … on shutdown: await demo.close();
 */
export type DemoSandbox = {
  sandbox: Sandbox;
  projects: BoundProject[];
  /** Settles when the first background sync of every project is done. */
  initialSync: Promise<void>;
  close(): Promise<void>;
};

export type DemoSandboxOptions = { seed?: number; initialSync?: boolean };

export async function startDemoSandbox(
  deps: AppDeps,
  workspace: { accountScopeId: string; ownerUserId: string },
  options: DemoSandboxOptions = {},
): Promise<DemoSandbox> {
  const sandbox = await startSandbox({ size: 'demo', seed: options.seed ?? 1, baseDate: new Date() });
  const { db } = deps;
  const { accountScopeId } = workspace;
  const now = deps.clock.now();
  await saveSandboxCredentials(db, deps.secrets, accountScopeId, sandbox, now);

  const auth = ownerActing(
    { id: workspace.ownerUserId, email: 'demo@keel.local', name: 'Demo' },
    accountScopeId,
  );
  const projects = await bindPortfolio(db, accountScopeId, sandboxPortfolio(sandbox.dataset), async (p) => {
    // A restart finds the project through its inbox binding instead of creating a twin.
    const inbox = p.chatwootInboxIds[0];
    const existing =
      inbox === undefined
        ? undefined
        : await findSourceBinding(db, accountScopeId, 'chatwoot_inbox', String(inbox));
    if (existing) return { id: existing.projectId };
    return createProject(
      db,
      auth,
      { name: p.name, ...(p.clientName ? { clientName: p.clientName } : {}) },
      'demo-sandbox',
    );
  });

  const controller = new AbortController();
  // Same wiring as the API's syncs (search chunks included), plus a signal so close() stops it.
  const syncDeps: SyncDeps = { ...syncDepsOf({ deps }), signal: controller.signal };
  const initialSync =
    options.initialSync === false
      ? Promise.resolve()
      : (async () => {
          for (const [i, p] of projects.entries()) {
            if (controller.signal.aborted) return;
            const scope = { accountScopeId, projectId: p.projectId };
            // Its follow-ups (scores, embeddings) come with syncDepsOf's after-sync hook.
            await runAllConnectorsSync(db, scope, syncDeps);
            // The Outbound screen's demo: the first project's conversations are there now.
            if (i === 0)
              await ensureDemoOutbound(
                { deps, requestId: 'demo-sandbox', ip: '127.0.0.1', auth },
                scope,
                p.name,
              ).catch((error: unknown) =>
                deps.logger.warn({ err: String(error) }, 'demo sandbox: outbound demo failed'),
              );
          }
        })().catch((error: unknown) => {
          if (!controller.signal.aborted)
            deps.logger.warn({ err: String(error) }, 'demo sandbox: initial sync failed');
        });

  return {
    sandbox,
    projects,
    initialSync,
    async close() {
      controller.abort();
      await initialSync;
      await sandbox.close();
    },
  };
}
