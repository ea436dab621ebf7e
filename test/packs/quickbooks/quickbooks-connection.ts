import { createRequire } from 'node:module';
import type { QuickBooks as QuickBooksClient } from 'node-quickbooks';
import { expect } from 'vitest';
import { connectThroughOAuth } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { QuickbooksFake, QuickbooksRequest } from './quickbooks-fake.js';

/** Creates a QuickBooks connection pointed at the fake and authorises it through the fake's consent redirect. */
export function connectQuickbooks(server: SwitchyardProcess, fake: QuickbooksFake): Promise<{ id: string; authorizeUrl: URL; callback: URL }> {
  return connectThroughOAuth(server, {
    packId: 'quickbooks',
    name: 'QuickBooks (Analytical Engines)',
    fields: {
      client_id: fake.app.clientId,
      client_secret: fake.app.clientSecret,
      base_url: fake.url,
      authorization_url: `${fake.url}/connect/oauth2`,
      token_url: `${fake.url}/oauth2/v1/tokens/bearer`,
    },
  });
}

// The package assigns the class to module.exports; its typings declare it as a named export.
const QuickBooks = createRequire(import.meta.url)('node-quickbooks') as typeof QuickBooksClient;

/** The oracle: node-quickbooks (OAuth 2.0, minor version 75) pointed at the fake through its endpoint constant. */
export function quickbooksSdk(fake: QuickbooksFake): QuickBooksClient {
  QuickBooks.V3_ENDPOINT_BASE_URL = `${fake.url}/v3/company/`;
  return new QuickBooks(fake.app.clientId, fake.app.clientSecret, fake.issueAccessToken(), false, fake.realmId, false, false, '75', '2.0', null);
}

/** Calls an SDK method that takes a callback and answers the requests it sent (a refusal is part of what is compared). */
export async function sdkRequests(fake: QuickbooksFake, call: (done: (error: unknown) => void) => void): Promise<QuickbooksRequest[]> {
  const before = fake.requests.length;
  await new Promise<void>((resolve) => call(() => resolve()));
  return fake.requests.slice(before);
}

/**
 * What QuickBooks reads from a request: method, path, query (the select statement with the entity name in
 * any case, as the service reads it; node-quickbooks also sends format=json, which the pack replaces with
 * `Accept: application/json`), the JSON body and the bearer token's presence.
 */
function meaning(request: QuickbooksRequest) {
  const query = request.query
    .filter(([name]) => name !== 'format')
    .map(([name, value]) => [name, name === 'query' ? value.replace(/^select \* from (\w+)/i, (_all, entity: string) => `select * from ${entity.toLowerCase()}`) : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return { method: request.method, path: request.path, query, body: request.json ?? null, bearer: /^Bearer \S+$/.test(String(request.headers['authorization'])) };
}

/** `without` names query parameters the SDK cannot send for that operation (it takes no requestid for a send). */
export function expectSameRequest(ours: QuickbooksRequest, sdk: QuickbooksRequest, without: string[] = []): void {
  const kept = (request: QuickbooksRequest) => ({ ...request, query: request.query.filter(([name]) => !without.includes(name)) });
  expect(meaning(kept(ours))).toEqual(meaning(sdk));
  expect(ours.headers['accept']).toBe('application/json');
  expect(Object.fromEntries(ours.query)['minorversion']).toBe('75');
}
