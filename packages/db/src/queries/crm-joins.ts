import { and, eq } from 'drizzle-orm';
import { attioOpportunitiesRaw } from '../schema/attio.ts';
import { crmOpportunities } from '../schema/crm.ts';

/**
 * The Attio record behind a CRM opportunity (for its raw values and web URL): the one join
 * condition the ingest, the graph and the evidence lookup share. Manual deals have none.
 */
export const attioRecordOfOpportunity = and(
  eq(crmOpportunities.source, 'attio'),
  eq(attioOpportunitiesRaw.accountScopeId, crmOpportunities.accountScopeId),
  eq(attioOpportunitiesRaw.attioRecordId, crmOpportunities.externalRef),
);
