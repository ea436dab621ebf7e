import { Client, LogLevel } from '@notionhq/client';
import { expect } from 'vitest';
import { errorWith } from '../../support/pack-step-harness.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { NotionFake, NotionRequest } from './notion-fake.js';

/** An internal integration secret as Notion issues them (the fake accepts exactly this one). */
export const integrationSecret = 'ntn_1234567890abcdefSwitchyardE2eInternalSecret00';

/** Saves a Notion connection with a pasted internal integration secret, pointed at the fake (its /users/me runs there). */
export function connectNotion(server: SwitchyardProcess, fake: NotionFake, token = integrationSecret): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'notion',
    name: 'Notion (Acme)',
    fields: { base_url: fake.url },
    token,
  });
}

/** The oracle: Notion's official client (its default Notion-Version) pointed at the fake, without retries. */
export function notionSdk(fake: NotionFake): Client {
  return new Client({ auth: integrationSecret, baseUrl: fake.url, logLevel: LogLevel.ERROR, retry: false });
}

/** What Notion reads from a request: method, path, query, JSON body, version and token. */
function meaning(request: NotionRequest) {
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    json: request.json,
    version: request.headers['notion-version'],
    authorization: request.headers['authorization'],
  };
}

export function expectSameRequest(ours: NotionRequest, sdk: NotionRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(`Bearer ${integrationSecret}`);
}

/** The SDK's errors that are the fake's refusal (an APIResponseError carries Notion's `code`). */
export const notionRefusal = errorWith('code');
