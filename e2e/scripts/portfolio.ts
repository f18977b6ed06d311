import type { PortfolioProject } from '@keel/connectors/portfolio-bindings';
import type { Dataset } from '@keel/sandbox/model';

/**
 * The sandbox world as Keel projects: one per sandbox project, fed by its Chatwoot inbox,
 * Linear team and project, and its client's Attio company (or its own deals when another
 * project of the same client already owns the company). Mirrors the connectors' test harness.
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
