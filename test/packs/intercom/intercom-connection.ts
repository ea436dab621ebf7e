import { IntercomClient } from 'intercom-client';
import { expect } from 'vitest';
import { bearerToken } from '../../support/fake-vendor-server.js';
import { errorWith } from '../../support/pack-step-harness.js';
import { jsonRequestMeaning } from '../../support/request-meaning.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { IntercomFake, IntercomRequest } from './intercom-fake.js';

/** Saves an Intercom connection with the fake's workspace access token (its test request runs there). */
export function connectIntercom(server: SwitchyardProcess, fake: IntercomFake, token = fake.accessToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'intercom',
    name: 'Intercom (access token)',
    fields: { base_url: fake.url, app_url: fake.url, client_secret: fake.oauthApp.clientSecret },
    token,
  });
}

/** The oracle: `intercom-client` 7 pointed at the fake (`baseUrl`) with the same token, without retries. */
export function intercomSdk(fake: IntercomFake): IntercomClient {
  return new IntercomClient({ token: fake.accessToken, baseUrl: fake.url, maxRetries: 0 });
}

/** What an Intercom request means: method, path, query, decoded JSON body, token and the pinned API version. */
function meaning(request: IntercomRequest) {
  return {
    ...jsonRequestMeaning(request),
    token: bearerToken(request),
    version: request.headers['intercom-version'],
  };
}

export function expectSameRequest(ours: IntercomRequest, sdk: IntercomRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['intercom-version']).toBe('2.14');
}

/** The SDK's errors that are the fake's refusal (they carry the HTTP status as `statusCode`). */
export const intercomRefusal = errorWith('statusCode');
