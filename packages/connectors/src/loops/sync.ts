import type { Database } from '@keel/db/client';
import { listProjectAudience, projectHealth } from '@keel/db/queries/connectors-loops';
import { failProcessRun, finishProcessRun, startProcessRun } from '@keel/db/queries/process-log';
import { registerConnectorError, resolveConnectorErrors } from '../connector-state.ts';
import { loadConnectorConfig } from '../credentials.ts';
import { toConnectorError } from '../errors.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { createLoopsClient, type LoopsContactInput } from './client.ts';

/**
 * The seed's `syncLoopsContacts`: pushes the project's people (Chatwoot contacts and Attio
 * people with an e-mail) to Loops with the project and its health as contact properties, so
 * campaigns can target "clients of at-risk projects". Upsert by e-mail: re-running is harmless.
 * A contact that fails is parked in connector_errors and the rest continue.
 */
export type LoopsSyncOptions = { dryRun?: boolean; limit?: number };
export type LoopsSyncResult = {
  status: 'ok' | 'partial' | 'skipped';
  reason: string | null;
  contacts: number;
  pushed: number;
  failed: number;
  dryRun: boolean;
};

export function loopsContact(
  person: { email: string; firstName: string | null; lastName: string | null },
  project: { id: string; name: string | null; score: number | null; band: string | null },
): LoopsContactInput {
  return {
    email: person.email,
    ...(person.firstName ? { firstName: person.firstName } : {}),
    ...(person.lastName ? { lastName: person.lastName } : {}),
    source: 'keel',
    userGroup: 'client',
    keelProjectId: project.id,
    ...(project.name ? { keelProject: project.name.slice(0, 500) } : {}),
    ...(project.score !== null ? { keelHealthScore: Math.round(project.score) } : {}),
    ...(project.band ? { keelHealthBand: project.band } : {}),
  };
}

export async function syncLoopsContacts(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: LoopsSyncOptions = {},
): Promise<LoopsSyncResult> {
  const dryRun = options.dryRun === true;
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'loops');
  if (!config)
    return {
      status: 'skipped',
      reason: 'Loops is not connected for this workspace',
      contacts: 0,
      pushed: 0,
      failed: 0,
      dryRun,
    };
  const audience = (await listProjectAudience(db, scope)).slice(0, options.limit ?? 5_000);
  const health = await projectHealth(db, scope);
  const run = await startProcessRun(db, scope, 'loops_sync', { now: deps.clock.now(), meta: { dryRun } });
  const client = createLoopsClient(config, deps);
  let pushed = 0;
  let failed = 0;
  const ok: string[] = [];
  try {
    for (const person of audience) {
      const contact = loopsContact(person, { id: scope.projectId, ...health });
      if (dryRun) continue;
      const unit = `contact:${person.email.toLowerCase()}`;
      try {
        await client.upsertContact(contact);
        pushed += 1;
        ok.push(unit);
      } catch (error) {
        const e = toConnectorError(error);
        if (e.kind === 'aborted') throw e;
        failed += 1;
        await registerConnectorError(
          db,
          scope,
          { connector: 'loops', operation: 'contacts.update', unit, sourceRef: null },
          e,
          deps.clock.now(),
        );
      }
    }
    if (ok.length > 0) await resolveConnectorErrors(db, scope, 'loops', { units: ok }, deps.clock.now());
    await finishProcessRun(db, run, {
      counts: { contacts: audience.length, pushed, failed },
      now: deps.clock.now(),
    });
  } catch (error) {
    await failProcessRun(db, run, toConnectorError(error).message, {
      counts: { pushed, failed },
      now: deps.clock.now(),
    });
    throw error;
  }
  return {
    status: failed > 0 ? 'partial' : 'ok',
    reason: null,
    contacts: audience.length,
    pushed,
    failed,
    dryRun,
  };
}
