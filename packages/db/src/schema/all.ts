/**
 * Every table of the product, for drizzle-kit and for the typed client (`typeof import('./all.ts')`).
 * Tables only, named one by one: enums and types are imported from their area file.
 */
export {
  analyticsCommsSnapshots,
  analyticsDeliverySnapshots,
  analyticsRevenueSnapshots,
  dailyDigests,
  digestDeliveries,
  weeklyDigests,
} from './analytics.ts';
export { attioAccountsRaw, attioActivitiesRaw, attioOpportunitiesRaw, attioPeopleRaw } from './attio.ts';
export { cwAttachmentsRaw, cwContacts, cwConversations, cwInboxesRaw, cwMessages } from './chatwoot.ts';
export {
  connectorCredentials,
  connectorErrors,
  connectorSyncState,
  projectSources,
  syncWatermarks,
} from './connectors.ts';
export { connectorSyncRuns } from './connector-runs.ts';
export { crmAccounts, crmOpportunities } from './crm.ts';
export { identityLinkSuggestions, identityLinks } from './identity.ts';
export { jobRuns, kagEventLog, scheduledJobs, workerRuns } from './jobs.ts';
export {
  kagEdges,
  kagEvents,
  kagNodes,
  kagRecommendations,
  kagScoreHistory,
  kagScores,
  kagSignalHistory,
  kagSignalState,
  kagSignals,
} from './kag-core.ts';
export { kagRiskForecasts, recommendationActionRuns, recommendationsV2 } from './kag-v2.ts';
export { healthScores, nextBestActions, riskRadarItems, signals } from './legacy.ts';
export { linearCyclesRaw, linearIssuesRaw, linearProjectsRaw, linearStatesRaw } from './linear.ts';
export { continuityActions, evidenceCitations, evidenceItems, upsellOpportunities } from './operations.ts';
export { contactChannelPolicies, offers, outboundAttempts, outboundMessages } from './outbound.ts';
export {
  accountScopes,
  apiKeys,
  auditEvents,
  dbCapabilities,
  loginAttempts,
  loginThrottle,
  projectMembers,
  projects,
  userSessions,
  users,
  workspaceMembers,
} from './platform.ts';
export { ragChunks } from './rag.ts';
export { caseSignatures, pastCaseOutcomes, projectSnapshots } from './snapshots.ts';
