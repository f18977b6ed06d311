import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { silentLogger } from '@keel/core/logger';
import { createVendorActions } from '@keel/connectors/actions/vendor-actions';
import { createUser } from '@keel/db/factories';
import type { FaultConfig } from '@keel/sandbox/faults';
import type { Actor } from '../src/audit.ts';
import { type AppDeps, createAppDeps } from '../src/deps.ts';
import { ownerActing } from '../src/identity.ts';
import { createHarness, type Harness } from '../../connectors/test/helpers.ts';

/**
 * The outbox and recommendation actions over a real database and the sandbox emulators: the
 * app's deps built by createAppDeps with vendor actions talking to the emulators, a user to act
 * as, and counters of what the emulators hold.
 */
export type ActionsHarness = {
  h: Harness;
  deps: AppDeps;
  actor: Actor<keyof AppDeps> & { deps: AppDeps };
  actorFor(userId: string): Actor<keyof AppDeps> & { deps: AppDeps };
  scope: { accountScopeId: string; projectId: string };
  /** The i-th sandbox conversation with a contact of its own, and that contact's Chatwoot id. */
  conversation(i?: number): { conversationId: string; contactRef: string };
  /** Chatwoot messages the emulator holds under a Keel idempotency key. */
  chatwootMessagesWithKey(key: string): number;
  close(): Promise<void>;
};

export async function createActionsHarness(
  options: { faults?: FaultConfig; http?: Harness['deps']['http'] } = {},
): Promise<ActionsHarness> {
  const h = await createHarness({
    size: 'tiny',
    seed: 11,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  if (options.http) h.deps.http = options.http;
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    CONNECTOR_EGRESS_ALLOW: h.deps.env.CONNECTOR_EGRESS_ALLOW,
  });
  const runtime = await createAppDeps(env, {
    database: h.db,
    bus: h.bus,
    clock: h.clock,
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('connectors-test')),
    vendorActions: createVendorActions(h.deps),
  });
  const deps = runtime.deps;
  const user = await createUser(h.db.db);
  const actorFor = (userId: string) => ({
    deps,
    requestId: 'test',
    ip: '127.0.0.1',
    auth: { ...ownerActing({ id: userId, email: user.email, name: user.name }, h.accountScopeId) },
  });
  const project = h.projects[0];
  if (!project) throw new Error('no project');
  const ds = h.sandbox.dataset;
  return {
    h,
    deps,
    actor: actorFor(user.id),
    actorFor,
    scope: { accountScopeId: h.accountScopeId, projectId: project.projectId },
    conversation(i = 0) {
      // The i-th conversation of a person not seen before: every test talks to its own contact.
      const seen = new Set<number>();
      const distinct = ds.conversations.filter((c) => !seen.has(c.personIndex) && seen.add(c.personIndex));
      const conv = distinct[i];
      if (!conv) throw new Error(`no conversation ${i}`);
      const person = ds.people[conv.personIndex];
      return {
        conversationId: String(conv.id),
        contactRef: String(person?.chatwootContactId ?? conv.personIndex),
      };
    },
    chatwootMessagesWithKey(key) {
      let n = 0;
      for (const attrs of ds.messages.contentAttributes.values()) if (attrs.keel_key === key) n++;
      return n;
    },
    async close() {
      await runtime.close();
      await h.close();
    },
  };
}
