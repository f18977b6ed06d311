import { type AuditEventInput, writeAuditEvent } from '@keel/db/queries/audit';
import type { AppDeps } from './deps.ts';
import type { AuthIdentity } from './identity.ts';

type AuditFields = Omit<AuditEventInput, 'accountScopeId' | 'actorUserId' | 'actorType' | 'requestId' | 'ip'>;

/** Audits a mutation on behalf of the caller, with the request id that ties it to the logs. */
export async function auditAs(
  ctx: { deps: Pick<AppDeps, 'db'>; requestId: string; ip: string; auth: AuthIdentity },
  fields: AuditFields,
) {
  await writeAuditEvent(ctx.deps.db, {
    ...fields,
    accountScopeId: ctx.auth.accountScopeId,
    actorUserId: ctx.auth.userId,
    actorType: ctx.auth.via === 'api_key' ? 'api_key' : 'user',
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}
