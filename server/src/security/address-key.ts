import ipaddr from 'ipaddr.js';

/**
 * The bucket a client address is rate-limited in: an IPv4 address as is (also when it arrives
 * IPv4-mapped on a dual-stack socket), an IPv6 address by its /64, because one host is usually handed a
 * whole /64 and could otherwise try every address in it. Null when there is no address to go by.
 */
export function addressKey(remoteAddress: string | undefined): string | null {
  if (!remoteAddress || !ipaddr.isValid(remoteAddress)) return null;
  const address = ipaddr.process(remoteAddress);
  if (address.kind() === 'ipv4') return address.toString();
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
