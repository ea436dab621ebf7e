import Airtable from 'airtable';
import { expect } from 'vitest';
import type { IsRefusal } from '../../support/pack-step-harness.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { AirtableFake, AirtableRequest } from './airtable-fake.js';

/** A personal access token as Airtable issues them (the fake accepts exactly this one). */
export const personalToken = 'patSwItChYaRd0001.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Saves an Airtable connection with a pasted personal access token, both hosts pointed at the fake. */
export function connectAirtable(server: SwitchyardProcess, fake: AirtableFake, token = personalToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'airtable',
    name: 'Airtable (Operations)',
    fields: { base_url: fake.url, auth_url: fake.url },
    token,
  });
}

/** The oracle: the official `airtable` client pointed at the fake (endpointUrl), without retries. */
export function airtableSdk(fake: AirtableFake): Airtable {
  return new Airtable({ apiKey: personalToken, endpointUrl: fake.url, noRetryIfRateLimited: true });
}

/**
 * What Airtable reads: method, path (the SDK writes a trailing slash on record writes, which Airtable ignores),
 * decoded query, JSON body and token.
 */
function meaning(request: AirtableRequest) {
  return {
    method: request.method,
    path: request.path.replace(/\/$/, ''),
    query: [...request.query].sort(),
    json: request.json,
    authorization: request.headers['authorization'],
  };
}

export function expectSameRequest(ours: AirtableRequest, sdk: AirtableRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(`Bearer ${personalToken}`);
}

/** The client's errors that are the fake's refusal: an AirtableError (a plain object with `statusCode`) or an Error. */
export const airtableRefusal: IsRefusal = (error) => error instanceof Error || (typeof error === 'object' && error !== null && 'statusCode' in error);
