import Airtable from 'airtable';
import { expect } from 'vitest';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { AirtableFake, AirtableRequest } from './airtable-fake.js';

/** A personal access token as Airtable issues them (the fake accepts exactly this one). */
export const personalToken = 'patSwItChYaRd0001.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Saves an Airtable connection with a pasted personal access token, both hosts pointed at the fake. */
export async function connectAirtable(server: SwitchyardProcess, fake: AirtableFake, token = personalToken): Promise<{ status: number; id: string; message: string | undefined }> {
  const created = await server.api<{ connection?: { id: string }; error?: { message: string } }>('POST', '/connections', {
    packId: 'airtable',
    name: 'Airtable (Operations)',
    fields: { base_url: fake.url, auth_url: fake.url },
    token,
  });
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message };
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

/** Runs an SDK call and answers the requests it sent (a refusal by the fake is part of what is compared). */
export async function sdkRequests(fake: AirtableFake, call: () => Promise<unknown>): Promise<AirtableRequest[]> {
  const before = fake.requests.length;
  await call().catch((error: unknown) => {
    if (!(error instanceof Error) && !(typeof error === 'object' && error !== null && 'statusCode' in error)) throw error;
  });
  return fake.requests.slice(before);
}
