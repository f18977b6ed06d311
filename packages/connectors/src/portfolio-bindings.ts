import type { Database } from '@keel/db/client';
import type { SourceKind } from '@keel/db/schema/connectors';
import { resolveProjectSourceBinding } from './sources.ts';

/**
 * Binds a described portfolio (one entry per Keel project, with the vendor objects that feed it)
 * to projects of a workspace. Used by the demo mode and tests with the sandbox's portfolio; a
 * real install binds through the API instead. Production code never imports the sandbox: callers
 * translate whatever they have into this plain shape.
 */
export type PortfolioProject = {
  name: string;
  clientName: string | null;
  chatwootInboxIds: number[];
  linearTeamIds: string[];
  linearProjectIds: string[];
  attioCompanyIds: string[];
  attioDealIds: string[];
};

export type BoundProject = { projectId: string; name: string };

export async function bindPortfolio(
  db: Database,
  accountScopeId: string,
  portfolio: PortfolioProject[],
  ensureProject: (p: PortfolioProject) => Promise<{ id: string }>,
): Promise<BoundProject[]> {
  const out: BoundProject[] = [];
  for (const p of portfolio) {
    const project = await ensureProject(p);
    const scope = { accountScopeId, projectId: project.id };
    const bind = async (kind: SourceKind, ids: Array<string | number>) => {
      for (const id of ids) await resolveProjectSourceBinding(db, scope, kind, String(id), { name: p.name });
    };
    await bind('chatwoot_inbox', p.chatwootInboxIds);
    await bind('linear_team', p.linearTeamIds);
    await bind('linear_project', p.linearProjectIds);
    await bind('attio_company', p.attioCompanyIds);
    await bind('attio_deal', p.attioDealIds);
    out.push({ projectId: project.id, name: p.name });
  }
  return out;
}
