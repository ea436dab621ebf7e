import { isDeepStrictEqual } from 'node:util';
import type { PackManifest } from '@switchyard/connectors';
import type { Problem } from '../contracts/problem.js';
import { addressFields } from './address-fields.js';
import { fieldPointer, type SplitValues } from './check-field-values.js';

export const addressChangedMessage = "the connection's address changed";

export interface AddressChange {
  /** A field that decides where requests go has a new value. */
  moved: boolean;
  /** One per stored secret the edit did not give again; empty when the edit may be saved. */
  problems: Problem[];
}

/**
 * An edit that points the connection at a new address must give every stored secret again: otherwise an
 * editor could send the saved API key, client secret or refresh token to a host of their choosing (the
 * save runs the pack's test request, and later runs would follow).
 */
export function checkAddressChange(pack: PackManifest, input: Record<string, unknown>, stored: SplitValues, next: SplitValues): AddressChange {
  if (pack.auth.kind === 'none') return { moved: false, problems: [] };
  const fields = pack.auth.fields;
  const address = addressFields(pack);
  const valueOf = (values: SplitValues, key: string) => values.values[key] ?? values.secrets[key];
  const moved = fields.some((field) => address.has(field.key) && !isDeepStrictEqual(valueOf(stored, field.key), valueOf(next, field.key)));
  if (!moved) return { moved, problems: [] };
  const problems = fields
    .filter((field) => field.secret && stored.secrets[field.key] !== undefined && (!Object.hasOwn(input, field.key) || input[field.key] === undefined))
    .map((field) => ({ path: fieldPointer(field.key), message: `enter this secret again: ${addressChangedMessage}` }));
  return { moved, problems };
}
