import type { Dataset } from '@keel/sandbox/model';
import type { PortfolioProject } from '../src/portfolio-bindings.ts';

/**
 * The sandbox world as a portfolio description: one Keel project per sandbox project. A client
 * with several projects binds its Attio company to the first; the other projects get their own
 * deals, since an external object feeds exactly one project.
 */
export function sandboxPortfolio(ds: Dataset): PortfolioProject[] {
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
