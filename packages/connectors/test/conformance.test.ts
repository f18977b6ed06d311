import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorActions } from '../src/actions/vendor-actions.ts';
import { runAllConnectorsSync } from '../src/connector-sync.ts';
import { testConnectorConnection } from '../src/connection-test.ts';
import { ALL_DOCUMENTS } from '../src/linear/queries.ts';
import { syncLoopsContacts } from '../src/loops/sync.ts';
import { runReconciliation } from '../src/reconciliation.ts';
import { createHarness, type Harness, scopeOf } from './helpers.ts';
import { loadSpec, matchRequest } from './openapi-match.ts';

/** The connectors speak the vendors' published APIs, not just our emulators' reading of them. */
const SPECS = new URL('../../../vendor-specs/', import.meta.url);
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ size: 'tiny', seed: 3 });
  const scope = scopeOf(h, 0);
  await runAllConnectorsSync(h.db.db, scope, h.deps);
  await runReconciliation(h.db.db, scope, h.deps, { messages: 2 });
  await syncLoopsContacts(h.db.db, scope, h.deps);
  // The CRM's Attio writes (attribute declaration, asserts, stage update) are requests too.
  const attio = await createVendorActions(h.deps).attio(h.db.db, scope);
  if (!attio) throw new Error('attio is not configured in the harness');
  await attio.dealStages();
  await attio.assertCompany({
    keelRef: 'keel:conformance:company',
    name: 'Conformance Ltd',
    domain: 'conformance.example',
  });
  const deal = await attio.assertDeal(
    {
      keelRef: 'keel:conformance:deal',
      name: 'Conformance deal',
      stage: 'Lead',
      amountMinor: 10_000,
      currency: 'USD',
    },
    null,
  );
  await attio.updateDealStage(deal.externalRef ?? '', 'In Progress', null);
  for (const c of ['chatwoot', 'linear', 'attio', 'loops'] as const) {
    await testConnectorConnection(h.db.db, h.accountScopeId, c, h.deps);
  }
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('vendor conformance', () => {
  it('when the Linear connector sends GraphQL, then every document validates against Linear’s schema', () => {
    const schema = buildSchema(readFileSync(new URL('linear-schema.graphql', SPECS), 'utf8'));
    const sent = h.requests
      .filter((r) => r.connector === 'linear')
      .map((r) => String((r.body as { query: string }).query));
    expect(sent.length).toBeGreaterThan(3);
    for (const doc of new Set([...sent, ...ALL_DOCUMENTS])) {
      const errors = validate(schema, parse(doc));
      expect(
        errors.map((e) => e.message),
        doc,
      ).toEqual([]);
    }
  }, 60_000);

  it.each([
    ['chatwoot', 'chatwoot-swagger.json'],
    ['attio', 'attio-openapi.json'],
    ['loops', 'loops-openapi.yaml'],
  ])(
    'when the %s connector sends REST requests, then each matches an operation of the published document',
    (connector, file) => {
      const spec = loadSpec(new URL(file, SPECS).pathname);
      const base = new URL(
        connector === 'chatwoot'
          ? h.sandbox.urls.chatwoot
          : connector === 'attio'
            ? h.sandbox.urls.attio
            : h.sandbox.urls.loops,
      );
      const sent = h.requests.filter((r) => r.connector === connector);
      expect(sent.length).toBeGreaterThan(0);
      const operations = new Set<string>();
      for (const r of sent) {
        const url = new URL(r.url);
        const path = url.pathname.slice(base.pathname.replace(/\/$/, '').length);
        const result = matchRequest(spec, {
          method: r.method,
          path,
          query: [...url.searchParams.keys()],
          body: r.body ?? undefined,
        });
        expect(result, `${r.method} ${url.pathname}${url.search}`).toMatchObject({ ok: true });
        if (result.ok) operations.add(result.operation);
      }
      expect(operations.size).toBeGreaterThan(0);
    },
  );
});
