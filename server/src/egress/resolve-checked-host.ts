import { isIP, type LookupFunction } from 'node:net';
import type { AllowList } from './address-policy.js';
import { EgressError } from './egress-error.js';
import { checkLookupAnswer, refuseDestination } from './guarded-connector.js';

/**
 * The address a client that is not HTTP (SMTP) may connect to for `hostname`: every record is resolved and
 * checked as the HTTP connector checks them, then the first is handed back (an IP literal is checked as
 * it is). The caller connects to that address, never to the name, so a second lookup (DNS rebinding)
 * cannot swap in an unchecked one.
 */
export function resolveCheckedHost(hostname: string, options: { allowList: AllowList; lookup: LookupFunction }): Promise<string> {
  if (isIP(hostname)) {
    const refusal = refuseDestination(hostname, [hostname], options.allowList);
    return refusal ? Promise.reject(refusal) : Promise.resolve(hostname);
  }
  return new Promise((resolve, reject) => {
    options.lookup(hostname, { all: true }, (error, answer, family) => {
      if (error) return reject(new EgressError('EGRESS_CONNECT', `could not resolve host ${hostname}: ${error.message}`, { cause: error }));
      const checked = checkLookupAnswer(hostname, answer, family, options.allowList);
      if (checked instanceof EgressError) reject(checked);
      else resolve(checked[0].address);
    });
  });
}
