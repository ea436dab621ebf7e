import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// Only 2000::/3 is allocated as global unicast; anything else ipaddr.js calls "unicast" is unassigned.
const globalUnicast = ipaddr.parseCIDR('2000::/3');
// The well-known NAT64 prefix puts the IPv4 address in the last 32 bits; local-use prefixes vary, so they stay blocked.
const nat64WellKnown = ipaddr.parseCIDR('64:ff9b::/96');

/** `linkLocal` → `link-local`, for messages. */
function label(range: string): string {
  return range.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function parseAddress(ip: string): Address | null {
  try {
    return ipaddr.parse(unbracket(ip));
  } catch {
    return null;
  }
}

function ipv4Reason(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : label(range);
}

/** Tunnels (6to4, Teredo, NAT64) deliver to the IPv4 address inside, so that address decides. */
function embeddedReason(range: string, high: number, low: number): string | null {
  const inner = new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const reason = ipv4Reason(inner);
  return reason === null ? null : `${range} embedding ${reason} ${inner.toString()}`;
}

function ipv6Reason(address: ipaddr.IPv6): string | null {
  const range = address.range();
  const parts = address.parts as [number, number, number, number, number, number, number, number];
  switch (range) {
    case 'unicast':
      return address.match(globalUnicast) ? null : 'reserved';
    case '6to4':
      return embeddedReason(range, parts[1], parts[2]);
    case 'teredo':
      // Teredo carries the server's IPv4 in clear and the client's bit-inverted (RFC 4380).
      return embeddedReason(range, parts[2], parts[3]) ?? embeddedReason(range, ~parts[6] & 0xffff, ~parts[7] & 0xffff);
    case 'rfc6052':
      return address.match(nat64WellKnown) ? embeddedReason('nat64', parts[6], parts[7]) : 'nat64-local';
    default:
      return label(range);
  }
}

/**
 * Why connecting to `ip` is refused (`private`, `loopback`, `link-local`, …), or null for a public
 * unicast address. Unparseable input is refused; IPv4-mapped and -compatible IPv6 always are.
 */
export function blockedAddressReason(ip: string): string | null {
  const address = parseAddress(ip);
  if (address === null) return 'invalid';
  return address.kind() === 'ipv4' ? ipv4Reason(address as ipaddr.IPv4) : ipv6Reason(address as ipaddr.IPv6);
}

export function isBlockedAddress(ip: string): boolean {
  return blockedAddressReason(ip) !== null;
}

/** Hosts and ranges the operator lets through the private-range block (never through the scheme check). */
export interface AllowList {
  allowsHost(hostname: string): boolean;
  allowsAddress(ip: string): boolean;
}

function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

// An IPv4-mapped address reaches the same host as the IPv4 one, so they match the same entries.
function canonical(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function parseRange(entry: string): [Address, number] {
  const [ip = '', bits] = entry.split('/');
  const base = unbracket(ip);
  // Only canonical notation: ipaddr.js would read `10/8` as 0.0.0.10/8, which is not what anyone means.
  if (!isIP(base)) throw new Error(`invalid egress allow-list entry: ${entry}`);
  if (bits === undefined) {
    const address = canonical(ipaddr.parse(base));
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  try {
    return ipaddr.parseCIDR(`${base}/${bits}`);
  } catch {
    throw new Error(`invalid egress allow-list entry: ${entry}`);
  }
}

const hostnamePattern = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

/**
 * Parses `SWITCHYARD_EGRESS_ALLOW`-style entries: hostnames (exact, case-insensitive), IPs and CIDRs,
 * IPv4 or IPv6. A malformed entry throws so that a typo cannot silently leave a host blocked or open.
 */
export function createAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: [Address, number][] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/') || isIP(unbracket(entry)) || /^[\d.]+$/.test(entry)) ranges.push(parseRange(entry));
    else if (hostnamePattern.test(entry)) hosts.add(normalizeHost(entry));
    else throw new Error(`invalid egress allow-list entry: ${entry}`);
  }
  return {
    allowsHost: (hostname) => hosts.has(normalizeHost(hostname)),
    allowsAddress(ip) {
      const parsed = parseAddress(ip);
      if (parsed === null) return false;
      const address = canonical(parsed);
      return ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
    },
  };
}
