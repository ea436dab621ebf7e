import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { blockedAddressReason, type AllowList } from './address-policy.js';
import { EgressError } from './egress-error.js';

/** The refusal for connecting to `addresses` on behalf of `hostname`, or null when all may be reached. */
export function refuseDestination(hostname: string, addresses: readonly string[], allowList: AllowList): EgressError | null {
  if (allowList.allowsHost(hostname)) return null;
  for (const address of addresses) {
    if (allowList.allowsAddress(address)) continue;
    const reason = blockedAddressReason(address);
    if (reason !== null) {
      return new EgressError('EGRESS_BLOCKED', `blocked by egress policy: ${address} (${reason}) for host ${hostname}`);
    }
  }
  return null;
}

/**
 * The records of a lookup answer once checked: refused when there are none or when any one is blocked, so
 * a name that mixes public and private records cannot reach the private one.
 */
export function checkLookupAnswer(
  hostname: string,
  answer: string | LookupAddress[],
  family: number | undefined,
  allowList: AllowList,
): [LookupAddress, ...LookupAddress[]] | EgressError {
  const addresses: LookupAddress[] = typeof answer === 'string' ? [{ address: answer, family: family ?? isIP(answer) }] : answer;
  const [first, ...rest] = addresses;
  if (first === undefined) return new EgressError('EGRESS_CONNECT', `no addresses found for host ${hostname}`);
  return refuseDestination(hostname, addresses.map((entry) => entry.address), allowList) ?? [first, ...rest];
}

/**
 * Wraps a resolver so that every answer is checked before the socket sees it: one blocked record
 * refuses the name, and the socket can only connect to addresses that were checked.
 */
function guardLookup(lookup: LookupFunction, allowList: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, answer, family) => {
      if (error) return callback(error, '');
      const checked = checkLookupAnswer(hostname, answer, family, allowList);
      if (checked instanceof EgressError) return callback(checked, '');
      if (options.all) return callback(null, checked);
      callback(null, checked[0].address, checked[0].family);
    });
  };
}

/**
 * An undici connector that enforces the address policy at connect time. Names are checked in the
 * resolver (so DNS rebinding meets the check on every new connection); IP literals never reach a
 * resolver, so they are checked here before the socket is opened.
 */
export function createGuardedConnector(options: { allowList: AllowList; lookup: LookupFunction }): buildConnector.connector {
  const connect = buildConnector({ lookup: guardLookup(options.lookup, options.allowList) });
  return (connectOptions, callback) => {
    const { hostname } = connectOptions;
    if (isIP(hostname)) {
      const refusal = refuseDestination(hostname, [hostname], options.allowList);
      if (refusal) return callback(refusal, null);
    }
    connect(connectOptions, callback);
  };
}
