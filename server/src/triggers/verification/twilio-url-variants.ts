const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/**
 * The URL without any port and with the scheme's default port, as twilio-node's `validateRequest` tries
 * them: Twilio signs the URL as configured, which a proxy may have shown us with or without `:443`.
 * Only the authority changes; path and query keep the exact characters Twilio signed.
 */
export function twilioUrlVariants(url: string): [string, string] {
  const match = AUTHORITY.exec(url);
  if (!match) return [url, url];
  const [prefix, scheme = '', authority = ''] = match;
  const userInfo = authority.slice(0, authority.lastIndexOf('@') + 1);
  const hostAndPort = authority.slice(userInfo.length);
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  const host = portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart);
  const rest = url.slice(prefix.length);
  const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return [scheme + userInfo + host + rest, portStart === -1 ? scheme + userInfo + host + defaultPort + rest : url];
}
