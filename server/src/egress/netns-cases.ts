/**
 * The private targets the network-namespace test sends through the egress client (test battery
 * 33/34). Shared by the probe that runs inside the namespace and the test that judges its answers.
 */
export interface NetnsCase {
  name: string;
  /** `literal`: the URL itself; `dns`: a name whose scripted lookup answers `answers`; `redirect`: an allowed loopback server redirects to the URL. */
  via: 'literal' | 'dns' | 'redirect';
  url: string;
  answers?: string[];
}

export const netnsCases: readonly NetnsCase[] = [
  { name: 'metadata address', via: 'literal', url: 'http://169.254.169.254/latest/meta-data/' },
  { name: '10/8', via: 'literal', url: 'http://10.0.0.1/' },
  { name: '192.168/16', via: 'literal', url: 'http://192.168.1.1/' },
  { name: 'unique-local IPv6', via: 'literal', url: 'http://[fd00::1]/' },
  { name: 'IPv4-mapped IPv6', via: 'literal', url: 'http://[::ffff:10.0.0.1]/' },
  { name: 'hex short form of loopback', via: 'literal', url: 'http://0x7f.1/' },
  { name: 'decimal form of loopback', via: 'literal', url: 'http://2130706433/' },
  { name: 'unspecified address', via: 'literal', url: 'http://0.0.0.0/' },
  { name: 'name resolving to 10/8', via: 'dns', url: 'http://internal.example.com/', answers: ['10.0.0.1'] },
  { name: 'name resolving to public and private', via: 'dns', url: 'http://mixed.example.com/', answers: ['93.184.216.34', '10.0.0.1'] },
  { name: 'redirect to 10/8', via: 'redirect', url: 'http://10.0.0.1/' },
  { name: 'redirect to metadata address', via: 'redirect', url: 'http://169.254.169.254/latest/meta-data/' },
];

/** What the probe reports for one case, or for a control. */
export interface NetnsOutcome {
  name: string;
  /** `EgressError.code`, a socket error code (ENETUNREACH…), or `ok` when the request succeeded. */
  code: string;
  message: string;
}

export interface NetnsReport {
  /** Interface names the probe saw; only `lo` in a loopback-only namespace. */
  interfaces: string[];
  /** A raw socket to 10.0.0.1: must be ENETUNREACH, proving a guard bug could not reach anything. */
  rawConnect: NetnsOutcome;
  /** A request to the allow-listed loopback server: must succeed, proving the client works in here. */
  allowedLoopback: NetnsOutcome;
  cases: NetnsOutcome[];
}
