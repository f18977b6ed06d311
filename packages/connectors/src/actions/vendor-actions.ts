import type { Database } from '@keel/db/client';
import { listProjectSourceBindings } from '@keel/db/queries/connectors-sources';
import { loadConnectorConfig } from '../credentials.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { resolveProjectSourceBinding } from '../sources.ts';
import { createAttioRecordWriter } from './attio-records.ts';
import { createAttioTaskWriter } from './attio-tasks.ts';
import { createChatwootOutgoing } from './chatwoot-outgoing.ts';
import { createLinearIssueWriter } from './linear-issues.ts';

/**
 * The vendor writes the app's use cases need (send a Chatwoot message, create or update a
 * Linear issue), per workspace; null when that connector is not set up. Built once in
 * createAppDeps and injected, so domain code never imports the connectors.
 */
export type ChatwootOutgoing = ReturnType<typeof createChatwootOutgoing>;
export type LinearIssueWriter = ReturnType<typeof createLinearIssueWriter>;
/** Attio records for the CRM screen, plus binding a created record to the project so the sync reads it. */
export type AttioCrmWriter = ReturnType<typeof createAttioRecordWriter> & {
  bind(kind: 'attio_company' | 'attio_deal', recordId: string, now: Date): Promise<void>;
};
export type AttioTaskWriter = ReturnType<typeof createAttioTaskWriter>;

export type VendorActions = {
  chatwoot(db: Database, scope: ProjectScope): Promise<ChatwootOutgoing | null>;
  linear(db: Database, scope: ProjectScope): Promise<(LinearIssueWriter & { teamId: string | null }) | null>;
  attio(db: Database, scope: ProjectScope): Promise<AttioCrmWriter | null>;
  /** Attio tasks (continuity handovers); null without Attio. */
  attioTasks(db: Database, scope: ProjectScope): Promise<AttioTaskWriter | null>;
};

export function createVendorActions(deps: SyncDeps): VendorActions {
  return {
    async chatwoot(db, scope) {
      const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'chatwoot');
      return config ? createChatwootOutgoing(config, deps) : null;
    },
    async linear(db, scope) {
      const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'linear');
      if (!config) return null;
      const teams = await listProjectSourceBindings(db, scope, ['linear_team']);
      return { ...createLinearIssueWriter(config, deps), teamId: teams[0]?.externalId ?? null };
    },
    async attio(db, scope) {
      const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'attio');
      if (!config) return null;
      return {
        ...createAttioRecordWriter(config, deps, scope),
        async bind(kind, recordId, now) {
          await resolveProjectSourceBinding(db, scope, kind, recordId, {}, now);
        },
      };
    },
    async attioTasks(db, scope) {
      const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'attio');
      return config ? createAttioTaskWriter(config, deps) : null;
    },
  };
}
