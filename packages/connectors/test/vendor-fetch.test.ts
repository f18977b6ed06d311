import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorFetch } from '../src/vendor-fetch.ts';

// The local test server is on loopback, which the egress policy refuses unless allow-listed.
const vendorFetch = createVendorFetch({ egressAllow: '127.0.0.1' });

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      if (req.url === '/empty') {
        res.writeHead(204).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2_000);
      } else {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('retry-after', '3');
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization ?? null, body }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('vendorFetch', () => {
  it('when a vendor answers, then status, repeated headers and the body come back as from fetch', async () => {
    const res = await vendorFetch(`${base}/echo`, {
      method: 'post',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(res.status).toBe(429);
    expect(res.ok).toBe(false);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ method: 'POST', auth: 'Bearer t', body: '{"x":1}' });
  });

  it('when the answer has no body (204), then the response has none', async () => {
    const res = await vendorFetch(`${base}/empty`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('when the signal aborts, then the call rejects; a non-text body is refused', async () => {
    const controller = new AbortController();
    const pending = vendorFetch(`${base}/slow`, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow();
    await expect(vendorFetch(`${base}/echo`, { method: 'POST', body: new Uint8Array([1]) })).rejects.toThrow(
      /string bodies/,
    );
  });

  it('when a response body is larger than the cap, then it is refused with a clear error instead of buffered', async () => {
    const capped = createVendorFetch({ egressAllow: '127.0.0.1', maxBodyBytes: 10 });
    await expect(capped(`${base}/echo`)).rejects.toThrow(/larger than 10 bytes; refused/);
  });

  it('when loopback is not allow-listed, then the connection is refused before any request', async () => {
    const strict = createVendorFetch({ egressAllow: '' });
    await expect(strict(`${base}/echo`)).rejects.toThrow(/loopback address/);
  });
});
