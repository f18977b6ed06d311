import type { Dataset } from './model.ts';

/** Which sandbox sources feed one Keel project (structurally the connectors' PortfolioProject). */
export type SandboxPortfolioProject = {
  name: string;
  clientName: string | null;
  chatwootInboxIds: number[];
  linearTeamIds: string[];
  linearProjectIds: string[];
  attioCompanyIds: string[];
  attioDealIds: string[];
};

/**
 * The sandbox world as Keel projects: one per sandbox project, fed by its Chatwoot inbox, Linear
 * team and project, and its client's Attio company — or, when another project of the same client
 * already owns the company, its own deals (an external object feeds exactly one project).
 * Shared by the demo mode, the connectors' tests, the e2e stack and the benchmarks.
 */
export function sandboxPortfolio(ds: Dataset): SandboxPortfolioProject[] {
  const companyTaken = new Set<string>();
  return ds.projects.map((project, index) => {
    const client = ds.clients[project.clientIndex];
    const team = ds.teams[project.teamIndex];
    const inbox = ds.inboxes[project.inboxIndex];
    const companyId = client?.attioCompanyId;
    const ownsCompany = companyId !== undefined && !companyTaken.has(companyId);
    if (companyId && ownsCompany) companyTaken.add(companyId);
    return {
      name: project.name,
      clientName: client?.name ?? null,
      chatwootInboxIds: inbox ? [inbox.id] : [],
      linearTeamIds: team ? [team.id] : [],
      linearProjectIds: [project.linearProjectId],
      attioCompanyIds: ownsCompany && companyId ? [companyId] : [],
      attioDealIds: ownsCompany ? [] : ds.deals.filter((d) => d.projectIndex === index).map((d) => d.id),
    };
  });
}
