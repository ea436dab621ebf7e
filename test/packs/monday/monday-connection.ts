import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { MondayFake } from './monday-fake.js';

/** A personal API token as monday shows it (the fake accepts exactly this one, and tokens from its OAuth flow). */
export const apiToken = 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOjQwMTI2ODksInVpZCI6MTUxNTgyOTN9.sw1tchyard-e2e-token';
export const apiVersion = '2025-07';

/** Saves a monday connection with the pasted API token and the app's signing secret, pointed at the fake. */
export function connectMonday(server: SwitchyardProcess, fake: MondayFake, token = apiToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'monday',
    name: 'monday.com (Acme)',
    fields: { signing_secret: fake.oauthApp.signingSecret, base_url: fake.url, auth_url: fake.url },
    token,
  });
}

interface MondaySdk {
  api: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<unknown>;
}

/**
 * The oracle: monday-sdk-js's server `api()`. It has no URL option; its API URL is built from
 * MONDAY_COM_PROTOCOL, MONDAY_SUBDOMAIN_API and MONDAY_COM_DOMAIN, read only when NODE_ENV is development or
 * staging, once, when the module loads. So those are set around the first require and restored at once (the
 * server processes this test starts must not inherit NODE_ENV=development).
 */
export function mondaySdk(fake: MondayFake): MondaySdk {
  const names = ['NODE_ENV', 'MONDAY_COM_PROTOCOL', 'MONDAY_SUBDOMAIN_API', 'MONDAY_COM_DOMAIN'] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, { NODE_ENV: 'development', MONDAY_COM_PROTOCOL: 'http', MONDAY_SUBDOMAIN_API: '', MONDAY_COM_DOMAIN: `127.0.0.1:${fake.port}` });
  const warn = console.warn;
  try {
    console.warn = () => undefined; // its deprecation notice
    // require, not import: the package ships .ts typings that do not compile under this project's settings.
    const init = createRequire(import.meta.url)('monday-sdk-js') as (options: { token: string; apiVersion: string }) => MondaySdk;
    return init({ token: apiToken, apiVersion });
  } finally {
    console.warn = warn;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** What monday reads: method, path, the GraphQL document and variables, the token and the API version. */
function meaning(request: RecordedRequest) {
  return { method: request.method, path: request.path, body: request.json ?? null, authorization: request.headers['authorization'], version: request.headers['api-version'] };
}

export function expectSameRequest(ours: RecordedRequest, sdk: RecordedRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(apiToken);
  expect(ours.headers['api-version']).toBe(apiVersion);
}
