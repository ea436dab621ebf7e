import Asana from 'asana';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { errorWith } from '../../support/pack-step-harness.js';
import { jsonRequestMeaning } from '../../support/request-meaning.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { AsanaFake } from './asana-fake.js';

/** A personal access token as Asana issues them (the fake accepts exactly this one, and tokens from its OAuth flow). */
export const personalToken = '2/1200000000000001/1206543210987654:0f7e9c5b1a0d4e8f2c6b7a9d3e1f5c0b';

/** Saves an Asana connection with the pasted personal access token, pointed at the fake. */
export function connectAsana(server: SwitchyardProcess, fake: AsanaFake, token = personalToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'asana',
    name: 'Asana (Acme)',
    fields: { base_url: fake.url, app_url: fake.origin },
    token,
  });
}

/** The oracle's API objects: the official `asana` 3.x client with its basePath at the fake. */
export function asanaSdk(fake: AsanaFake) {
  const client = new Asana.ApiClient();
  client.basePath = fake.url;
  client.authentications['token'].accessToken = personalToken;
  return { tasks: new Asana.TasksApi(client), stories: new Asana.StoriesApi(client), webhooks: new Asana.WebhooksApi(client) };
}

/** What Asana reads: method, path, query (any order), decoded JSON body and the token. */
function meaning(request: RecordedRequest) {
  return {
    ...jsonRequestMeaning(request),
    authorization: request.headers['authorization'],
  };
}

export function expectSameRequest(ours: RecordedRequest, sdk: RecordedRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(`Bearer ${personalToken}`);
}

/** The client's errors that are the fake's refusal (they carry the HTTP `status`). */
export const asanaRefusal = errorWith('status');
