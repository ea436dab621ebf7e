import { AccountingApi } from 'xero-node';
import { expect } from 'vitest';
import type { IsRefusal } from '../../support/pack-step-harness.js';
import { connectThroughOAuth } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { XeroFake, XeroRequest } from './xero-fake.js';

export const webhookKey = 'dGVzdC13ZWJob29rLWtleS1mb3Itc3dpdGNoeWFyZC14ZXJvLWZha2UtMDAwMQ==';

/** Creates a Xero connection pointed at the fake (identity, connections and API hosts) and authorises it. */
export function connectXero(server: SwitchyardProcess, fake: XeroFake): Promise<{ id: string; authorizeUrl: URL; callback: URL }> {
  return connectThroughOAuth(server, {
    packId: 'xero',
    name: 'Xero',
    fields: {
      client_id: fake.app.clientId,
      client_secret: fake.app.clientSecret,
      webhook_key: webhookKey,
      base_url: `${fake.url}/api.xro/2.0`,
      connections_url: `${fake.url}/connections`,
      authorization_url: `${fake.url}/identity/connect/authorize`,
      token_url: `${fake.url}/connect/token`,
    },
  });
}

/** The oracle: xero-node's AccountingApi with its basePath on the fake and a token the fake issued. */
export function xeroSdk(fake: XeroFake): AccountingApi {
  const api = new AccountingApi(`${fake.url}/api.xro/2.0`);
  api.accessToken = fake.issueAccessToken();
  return api;
}

/** Every xero-node rejection counts as the fake's refusal: what is compared is the requests it sent. */
export const xeroRefusal: IsRefusal = () => true;

/** What Xero reads: method, path, query, JSON body, the organisation, the idempotency key and a bearer token. */
function meaning(request: XeroRequest) {
  return {
    method: request.method,
    path: request.path,
    query: [...request.query].sort(([a], [b]) => a.localeCompare(b)),
    // xero-node sends `{}` with its GETs; Xero reads no body on a GET.
    body: request.method === 'GET' ? null : (request.json ?? null),
    tenant: request.headers['xero-tenant-id'],
    idempotencyKey: request.headers['idempotency-key'],
    accept: request.headers['accept'],
    bearer: /^Bearer \S+$/.test(String(request.headers['authorization'])),
  };
}

export function expectSameRequest(ours: XeroRequest, sdk: XeroRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
}
