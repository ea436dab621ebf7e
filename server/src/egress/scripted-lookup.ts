import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

export interface ScriptedLookup {
  lookup: LookupFunction;
  /** Hostnames asked for, in order. */
  calls: string[];
}

/**
 * A resolver for tests that answers the n-th question with `answers[n]` (the last answer repeats),
 * so DNS rebinding and mixed answers can be scripted without a network.
 */
export function scriptedLookup(answers: string[][]): ScriptedLookup {
  const calls: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    const answer = answers[Math.min(calls.length, answers.length - 1)] ?? [];
    calls.push(hostname);
    const addresses: LookupAddress[] = answer.map((address) => ({ address, family: isIP(address) }));
    const first = addresses[0];
    // Answer asynchronously, as a real resolver does.
    process.nextTick(() => {
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    });
  };
  return { lookup, calls };
}
