import { AccountingApi } from 'xero-node';
import { expect } from 'vitest';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { XeroFake, XeroRequest } from './xero-fake.js';

export const webhookKey = 'dGVzdC13ZWJob29rLWtleS1mb3Itc3dpdGNoeWFyZC14ZXJvLWZha2UtMDAwMQ==';

/** Creates a Xero connection pointed at the fake (identity, connections and API hosts) and authorises it. */
export async function connectXero(server: SwitchyardProcess, fake: XeroFake): Promise<{ id: string; authorizeUrl: URL; callback: URL }> {
  const created = await server.api<{ connection: { id: string } }>('POST', '/connections', {
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
  if (created.status !== 201) throw new Error(`creating the connection answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.connection.id;
  const started = await server.api<{ authorizeUrl: string }>('POST', `/connections/${id}/oauth/start`, {});
  if (started.status !== 200) throw new Error(`oauth/start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const consent = await fetch(started.body.authorizeUrl, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  const done = await server.request<{ connectionId: string }>('GET', `${callback.pathname}${callback.search}&format=json`);
  if (done.status !== 200) throw new Error(`the callback answered ${done.status}: ${JSON.stringify(done.body)}`);
  return { id, authorizeUrl: new URL(started.body.authorizeUrl), callback };
}

/** The oracle: xero-node's AccountingApi with its basePath on the fake and a token the fake issued. */
export function xeroSdk(fake: XeroFake): AccountingApi {
  const api = new AccountingApi(`${fake.url}/api.xro/2.0`);
  api.accessToken = fake.issueAccessToken();
  return api;
}

/** Runs an SDK call and answers the requests it sent; a refusal by the fake is part of what is compared. */
export async function sdkRequests(fake: XeroFake, call: () => Promise<unknown>): Promise<XeroRequest[]> {
  const before = fake.requests.length;
  await call().catch(() => undefined);
  return fake.requests.slice(before);
}

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
