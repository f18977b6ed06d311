import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  type Session,
  seedUser,
  type TestApp,
} from './helpers.ts';

let t: TestApp;
let s: Session;
let local: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  // No CONNECTOR_EGRESS_ALLOW: the production default.
  t = await createTestApp();
  local = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"email":"leak@internal"}');
  });
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  port = (local.address() as AddressInfo).port;
  const owner = await seedUser(t, { role: 'owner' });
  s = await login(t, owner.email, owner.password);
  await createAndSelectProject(t, s, 'Egress project');
});
afterAll(async () => {
  await new Promise((resolve) => local?.close(resolve));
  await t?.close();
});

function put(baseUrl: string) {
  return t.app.inject({
    method: 'PUT',
    url: '/connectors/chatwoot/credentials',
    headers: authed(s),
    payload: { token: 'token-token-token', baseUrl, accountId: '1' },
  });
}

describe('connector egress', () => {
  it('when the chatwoot base URL is a listening loopback server and nothing is allow-listed, then the test is refused and the server is never reached', async () => {
    expect((await put(`http://127.0.0.1:${port}`)).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/connectors/chatwoot/test', headers: authed(s) });
    expect(res.statusCode).toBe(200);
    const data = (res.json() as { data: { ok: boolean; account: string | null; error: string } }).data;
    expect(data.ok).toBe(false);
    expect(data.account).toBeNull();
    expect(data.error).toMatch(/loopback address; connectors may not reach internal networks/);
    expect(res.body).not.toContain('leak@internal');
    expect(hits).toBe(0);
  });

  it('when a name resolves to loopback (localhost), then it is refused the same way', async () => {
    expect((await put(`http://localhost:${port}`)).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/connectors/chatwoot/test', headers: authed(s) });
    const data = (res.json() as { data: { ok: boolean; error: string } }).data;
    expect(data.ok).toBe(false);
    expect(data.error).toMatch(/connectors may not reach internal networks/);
    expect(hits).toBe(0);
  });

  it('when a base URL carries a query string, a fragment or credentials, then saving it is a 400 that says what to fix', async () => {
    for (const [url, hint] of [
      [`https://chatwoot.example.com/?token=1`, 'query string'],
      ['https://chatwoot.example.com/#x', 'fragment'],
      ['https://user:pw@chatwoot.example.com', 'user name or password'],
    ] as const) {
      const res = await put(url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ ok: false, error: 'validation_error' });
      expect((res.json() as { message: string }).message).toContain(hint);
    }
  });
});
