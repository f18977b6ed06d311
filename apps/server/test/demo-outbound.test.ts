import { ownerActing } from '@keel/app/identity';
import { ensureDemoOutbound } from '@keel/app/services/demo-outbound';
import { listOutboundWithAttempts } from '@keel/app/services/outbox';
import { syncDepsOf } from '@keel/app/services/connector-sync';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { getContactPolicy } from '@keel/db/queries/outbound';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSandbox, startDemoSandbox } from '../src/demo-sandbox.ts';
import { createTestApp, seedUser, type TestApp } from './helpers.ts';

let t: TestApp;
let demo: DemoSandbox;
let scope: { accountScopeId: string; projectId: string };
let actor: Parameters<typeof ensureDemoOutbound>[0];
let name = '';

beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
  const owner = await seedUser(t, { role: 'owner', workspace: 'demo-outbound' });
  demo = await startDemoSandbox(
    t.deps,
    { accountScopeId: owner.workspace.id, ownerUserId: owner.user.id },
    { initialSync: false },
  );
  const first = demo.projects[0];
  if (!first) throw new Error('no project');
  name = first.name;
  scope = { accountScopeId: owner.workspace.id, projectId: first.projectId };
  await runAllConnectorsSync(t.deps.db, scope, syncDepsOf(t));
  actor = {
    deps: t.deps,
    requestId: 'test',
    ip: '127.0.0.1',
    auth: ownerActing(owner.user, owner.workspace.id),
  };
}, 120_000);
afterAll(async () => {
  await demo?.close();
  await t?.close();
});

describe('demo outbound', () => {
  it('when the demo project is synced, then Outbound holds a draft to approve and a message held for an opted-out contact, and a restart adds no twin', async () => {
    const first = await ensureDemoOutbound(actor, scope, name);
    expect(first).not.toBeNull();
    const again = await ensureDemoOutbound(actor, scope, name);
    expect(again).toEqual(first);

    const rows = await listOutboundWithAttempts(t.deps, scope, { limit: 10 });
    expect(rows).toHaveLength(2);
    const draft = rows.find((r) => r.id === first?.draftId);
    const held = rows.find((r) => r.id === first?.heldId);
    expect(draft).toMatchObject({ status: 'draft', blockReason: null, attemptLog: [] });
    expect(draft?.body).toContain(name);
    expect(held).toMatchObject({ status: 'blocked', blockReason: 'opted_out' });
    // One attempt, stopped by the rules, with the reason; nothing reached Chatwoot.
    expect(held?.attemptLog.map((a) => [a.status, a.response])).toEqual([
      ['blocked', { decision: 'blocked', reason: 'opted_out' }],
    ]);
    expect(held?.externalMessageId).toBeNull();
    expect(draft?.contactRef).not.toBe(held?.contactRef);
    const policy = await getContactPolicy(t.deps.db, scope, held?.contactRef ?? '', 'chatwoot');
    expect(policy?.optedOut).toBe(true);
    const untouched = await getContactPolicy(t.deps.db, scope, draft?.contactRef ?? '', 'chatwoot');
    expect(untouched?.optedOut ?? false).toBe(false);
  }, 60_000);
});
