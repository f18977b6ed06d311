import { describe, expect, it } from 'vitest';
import {
  baseUrlProblem,
  classifyAddress,
  egressRefusal,
  parseEgressAllowList,
} from '../src/egress-policy.ts';

const none = parseEgressAllowList('');

describe('classifyAddress', () => {
  const table: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['not-an-ip', 'reserved'],
  ];
  it.each(table)('when the address is %s, then it is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('egressRefusal', () => {
  const refused = [
    '127.0.0.1',
    '::1',
    '10.0.0.5',
    '172.20.1.1',
    '192.168.0.10',
    'fd00::5',
    '169.254.169.254',
    'fe80::abcd',
    '0.0.0.0',
    '::',
    '100.64.1.1',
    '::ffff:127.0.0.1',
    '::ffff:192.168.0.1',
    '::ffff:169.254.169.254',
  ];
  it.each(refused)(
    'when a host resolves to %s and nothing is allow-listed, then it is refused',
    (address) => {
      const reason = egressRefusal({ host: 'vendor.example', port: 443, address }, none);
      expect(reason).toMatch(/connectors may not reach internal networks/);
      expect(reason).toContain('CONNECTOR_EGRESS_ALLOW');
    },
  );

  it('when the address is public, then it is allowed', () => {
    expect(egressRefusal({ host: 'api.linear.app', port: 443, address: '8.8.8.8' }, none)).toBeNull();
  });

  it('when the operator allow-lists a host, a host:port or a CIDR, then exactly those are allowed', () => {
    const allow = parseEgressAllowList('chatwoot.internal, 127.0.0.1:4010, 10.20.0.0/16, [::1]:9000');
    expect(egressRefusal({ host: 'chatwoot.internal', port: 3000, address: '10.9.9.9' }, allow)).toBeNull();
    expect(egressRefusal({ host: '127.0.0.1', port: 4010, address: '127.0.0.1' }, allow)).toBeNull();
    expect(egressRefusal({ host: '127.0.0.1', port: 4011, address: '127.0.0.1' }, allow)).not.toBeNull();
    expect(egressRefusal({ host: 'x.internal', port: 80, address: '10.20.3.4' }, allow)).toBeNull();
    expect(egressRefusal({ host: 'x.internal', port: 80, address: '10.21.3.4' }, allow)).not.toBeNull();
    expect(egressRefusal({ host: '::1', port: 9000, address: '::1' }, allow)).toBeNull();
    expect(
      egressRefusal({ host: 'other.internal', port: 3000, address: '169.254.169.254' }, allow),
    ).not.toBeNull();
  });

  it('when the allow-list has a malformed CIDR, then parsing says which entry', () => {
    expect(() => parseEgressAllowList('nope/33x')).not.toThrow();
    expect(() => parseEgressAllowList('bad-host/8')).toThrow(/bad-host\/8/);
  });
});

describe('baseUrlProblem', () => {
  const table: [string, RegExp | null][] = [
    ['https://app.chatwoot.com', null],
    ['http://chatwoot.internal:3000/base', null],
    ['https://app.chatwoot.com/?x=1', /query string/],
    ['https://app.chatwoot.com/#frag', /fragment/],
    ['https://user:pass@app.chatwoot.com', /user name or password/],
    ['ftp://app.chatwoot.com', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['gopher://127.0.0.1:6379/_', /only http and https/],
    ['not a url', /is not a URL/],
  ];
  it.each(table)('when the base URL is %s, then the problem is %s', (url, expected) => {
    const problem = baseUrlProblem(url);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
