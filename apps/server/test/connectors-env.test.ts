import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

/** A single-tenant install configures its connectors in the environment instead of storing tokens. */
let t: TestApp;
let s: Session;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      CHATWOOT_API_TOKEN: 'cw-env-token-123',
      CHATWOOT_BASE_URL: 'https://chatwoot.example.test',
      CHATWOOT_ACCOUNT_ID: '7',
      LINEAR_API_KEY: 'lin-env-key-123',
    },
  });
  const owner = await seedUser(t, { role: 'owner' });
  s = await login(t, owner.email, owner.password);
  await createAndSelectProject(t, s, 'Env connectors');
});

afterAll(async () => {
  await t?.close();
});

describe('connectors configured from the environment', () => {
  it('when Chatwoot and Linear come from env and nothing is stored, then the state shows exactly those two as configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/connectors/state', headers: authed(s) });
    expect(res.statusCode, res.body).toBe(200);
    const configured = Object.fromEntries(
      (res.json().data.connectors as Array<{ connector: string; configured: boolean }>).map((c) => [
        c.connector,
        c.configured,
      ]),
    );
    expect(configured).toEqual({ chatwoot: true, linear: true, attio: false, loops: false });
    expect(res.body).not.toContain('cw-env-token-123');
  });

  it('when another workspace asks, then env credentials do not count for it (they serve the first workspace)', async () => {
    const other = await seedUser(t, { role: 'owner', workspace: 'ws-env-other' });
    const os = await login(t, other.email, other.password);
    await createAndSelectProject(t, os, 'Other workspace');
    const res = await t.app.inject({ method: 'GET', url: '/connectors/state', headers: authed(os) });
    expect(res.statusCode, res.body).toBe(200);
    const chatwoot = (res.json().data.connectors as Array<{ connector: string; configured: boolean }>).find(
      (c) => c.connector === 'chatwoot',
    );
    expect(chatwoot).toMatchObject({ configured: false });
  });
});
