import { Client } from '@hubspot/api-client';
import { expect } from 'vitest';
import { bearerToken } from '../../support/fake-vendor-server.js';
import { errorWith } from '../../support/pack-step-harness.js';
import { jsonRequestMeaning } from '../../support/request-meaning.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { HubspotFake, HubspotRequest } from './hubspot-fake.js';

/** Saves a HubSpot connection with the fake's private app token (its test request runs there). */
export function connectHubspot(server: SwitchyardProcess, fake: HubspotFake, token = fake.privateToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'hubspot',
    name: 'HubSpot (private app)',
    fields: { base_url: fake.url, app_url: fake.url, client_secret: fake.oauthApp.clientSecret },
    token,
  });
}

/** The oracle: HubSpot's official SDK pointed at the fake with the same token, without its retries. */
export function hubspotSdk(fake: HubspotFake): Client {
  return new Client({ accessToken: fake.privateToken, basePath: fake.url, numberOfApiCallRetries: 0 });
}

/** What a HubSpot request means: method, path, query, decoded JSON body and the token it carries. */
function meaning(request: HubspotRequest) {
  return {
    ...jsonRequestMeaning(request),
    token: bearerToken(request),
  };
}

export function expectSameRequest(ours: HubspotRequest, sdk: HubspotRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
}

/** The SDK's errors that are the fake's refusal (they carry the HTTP status as `code`). */
export const hubspotRefusal = errorWith('code');
