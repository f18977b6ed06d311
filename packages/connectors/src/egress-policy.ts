import { BlockList, isIP } from 'node:net';

/**
 * Where connectors may send requests. A base URL is set by a workspace owner, so without a
 * policy Keel would fetch whatever it points at — the loopback admin port, the cloud metadata
 * service, a private network — and `/connectors/:name/test` would echo the answer. Pure rules
 * here; `egress-fetch.ts` applies them to the address each connection actually uses.
 */

export type AddressClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'cgnat'
  | 'multicast'
  | 'reserved'
  | 'public';

type Range = [cls: Exclude<AddressClass, 'public'>, network: string, prefix: number, family: 'ipv4' | 'ipv6'];

const RANGES: Range[] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['cgnat', '100.64.0.0', 10, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
  // NAT64 embeds an IPv4 address a gateway then reaches: refuse rather than decode.
  ['reserved', '64:ff9b::', 96, 'ipv6'],
];

const LISTS = new Map<Exclude<AddressClass, 'public'>, BlockList>();
for (const [cls, network, prefix, family] of RANGES) {
  let list = LISTS.get(cls);
  if (!list) {
    list = new BlockList();
    LISTS.set(cls, list);
  }
  list.addSubnet(network, prefix, family);
}

/** The class of an IP address; BlockList also matches IPv4-mapped IPv6 forms (::ffff:127.0.0.1). */
export function classifyAddress(address: string): AddressClass {
  const version = isIP(address);
  if (version === 0) return 'reserved';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  for (const [cls, list] of LISTS) if (list.check(address, family)) return cls;
  return 'public';
}

export type EgressAllowList = {
  hosts: { host: string; port: number | null }[];
  subnets: BlockList;
  raw: string;
};

/** `CONNECTOR_EGRESS_ALLOW`: comma-separated `host`, `host:port`, `[v6]:port`, or CIDR (`10.0.0.0/8`). */
export function parseEgressAllowList(spec: string): EgressAllowList {
  const hosts: EgressAllowList['hosts'] = [];
  const subnets = new BlockList();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const cidr = /^(.+)\/(\d{1,3})$/.exec(part);
    if (cidr?.[1] && cidr[2]) {
      const version = isIP(cidr[1]);
      if (version === 0) throw new Error(`CONNECTOR_EGRESS_ALLOW: "${part}" is not a CIDR`);
      subnets.addSubnet(cidr[1], Number(cidr[2]), version === 4 ? 'ipv4' : 'ipv6');
      continue;
    }
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(part);
    if (bracketed?.[1]) {
      hosts.push({ host: bracketed[1].toLowerCase(), port: bracketed[2] ? Number(bracketed[2]) : null });
      continue;
    }
    const hostPort = /^([^:]+):(\d+)$/.exec(part);
    if (hostPort?.[1] && hostPort[2])
      hosts.push({ host: hostPort[1].toLowerCase(), port: Number(hostPort[2]) });
    else hosts.push({ host: part.toLowerCase(), port: null });
  }
  return { hosts, subnets, raw: spec };
}

function allowedByList(allow: EgressAllowList, host: string, port: number, address: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (allow.hosts.some((e) => (e.host === h || e.host === address) && (e.port === null || e.port === port)))
    return true;
  const version = isIP(address);
  return version !== 0 && allow.subnets.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a connection to `address` (resolved from `host`) may not be made, or null when it may:
 * public addresses always, internal ones only when the operator allow-listed the host, the
 * host:port, or a subnet holding the address.
 */
export function egressRefusal(
  target: { host: string; port: number; address: string },
  allow: EgressAllowList,
): string | null {
  const cls = classifyAddress(target.address);
  if (cls === 'public') return null;
  if (allowedByList(allow, target.host, target.port, target.address)) return null;
  return `${target.host} resolves to ${target.address}, a ${cls} address; connectors may not reach internal networks (an operator can allow it with CONNECTOR_EGRESS_ALLOW)`;
}

/**
 * What is wrong with a vendor base URL's shape, or null: http(s) only, no user:password, no
 * query string or fragment (paths are appended to it, and a query would swallow them).
 */
export function baseUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL; use https://host[:port][/path]';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `uses ${parsed.protocol.replace(/:$/, '')}; only http and https are allowed`;
  if (parsed.username || parsed.password)
    return 'contains a user name or password; put the token in the token field instead';
  if (parsed.search || url.includes('?')) return 'has a query string; use only scheme, host, port and path';
  if (parsed.hash || url.includes('#')) return 'has a fragment (#…); use only scheme, host, port and path';
  return null;
}

/** Default cap on one vendor response body: pages are far smaller; a bigger one is refused. */
export const MAX_VENDOR_BODY_BYTES = 10 * 1024 * 1024;
