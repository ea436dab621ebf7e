import { Connection } from 'jsforce';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { SalesforceFake } from './salesforce-fake.js';

/**
 * Creates a Salesforce connection with its login URL at the fake and authorises it through the fake's
 * consent redirect (the OAuth web server flow the builder's "Connect" button starts).
 */
export async function connectSalesforce(server: SwitchyardProcess, fake: SalesforceFake): Promise<{ id: string; authorizeUrl: URL; callback: URL }> {
  const created = await server.api<{ connection: { id: string } }>('POST', '/connections', {
    packId: 'salesforce',
    name: 'Salesforce (fake org)',
    fields: { client_id: fake.clientId, client_secret: fake.clientSecret, login_url: fake.url },
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

/** The oracle: jsforce pointed at the fake org with a session of its own, at the pack's API version. */
export function jsforceFor(fake: SalesforceFake): Connection {
  return new Connection({ instanceUrl: fake.url, accessToken: fake.issueSession(), version: '67.0' });
}

/** What a Salesforce request means: method, path, decoded query, JSON body, body type and that it carries a session. */
function meaning(request: RecordedRequest) {
  return {
    method: request.method,
    path: request.path,
    query: [...request.query].sort(([a], [b]) => a.localeCompare(b)),
    body: request.json ?? null,
    contentType: request.body === '' ? undefined : String(request.headers['content-type']).split(';')[0],
    bearer: /^Bearer \S+$/.test(String(request.headers['authorization'])),
  };
}

/** Our requests and jsforce's for the same operation agree, one by one. */
export function expectSameRequests(ours: RecordedRequest[], theirs: RecordedRequest[]): void {
  expect(ours.map(meaning)).toEqual(theirs.map(meaning));
  expect(ours.length).toBeGreaterThan(0);
}

/** Runs a jsforce call and answers the requests it sent; a refusal by the fake is part of what is compared. */
export async function jsforceRequests(fake: SalesforceFake, call: () => PromiseLike<unknown>): Promise<RecordedRequest[]> {
  const before = fake.requests.length;
  await Promise.resolve(call()).catch((error: unknown) => {
    if (!(error instanceof Error && 'errorCode' in error)) throw error;
  });
  return fake.requests.slice(before);
}
