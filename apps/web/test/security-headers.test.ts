import { describe, expect, it } from 'vitest';
import nextConfig from '../next.config.ts';

describe('web security headers', () => {
  it('when any page is served, then it forbids framing, sniffing and cross-origin referrers', async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const all = rules.find((r) => r.source === '/:path*');
    const headers = Object.fromEntries((all?.headers ?? []).map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-content-type-options']).toBe('nosniff');
    // The test runs with NODE_ENV=test: HSTS is for production (https) only.
    expect(headers['strict-transport-security']).toBeUndefined();
  });
});
