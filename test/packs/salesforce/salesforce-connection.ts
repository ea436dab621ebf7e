import { Connection } from 'jsforce';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { errorWith } from '../../support/pack-step-harness.js';
import { jsonRequestMeaning } from '../../support/request-meaning.js';
import { connectThroughOAuth } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { SalesforceFake } from './salesforce-fake.js';

/**
 * Creates a Salesforce connection with its login URL at the fake and authorises it through the fake's
 * consent redirect (the OAuth web server flow the builder's "Connect" button starts).
 */
export function connectSalesforce(server: SwitchyardProcess, fake: SalesforceFake): Promise<{ id: string; authorizeUrl: URL; callback: URL }> {
  return connectThroughOAuth(server, {
    packId: 'salesforce',
    name: 'Salesforce (fake org)',
    fields: { client_id: fake.clientId, client_secret: fake.clientSecret, login_url: fake.url },
  });
}

/** The oracle: jsforce pointed at the fake org with a session of its own, at the pack's API version. */
export function jsforceFor(fake: SalesforceFake): Connection {
  return new Connection({ instanceUrl: fake.url, accessToken: fake.issueSession(), version: '67.0' });
}

/** What a Salesforce request means: method, path, decoded query, JSON body, body type and that it carries a session. */
function meaning(request: RecordedRequest) {
  return {
    ...jsonRequestMeaning(request),
    contentType: request.body === '' ? undefined : String(request.headers['content-type']).split(';')[0],
    bearer: /^Bearer \S+$/.test(String(request.headers['authorization'])),
  };
}

/** Our requests and jsforce's for the same operation agree, one by one. */
export function expectSameRequests(ours: RecordedRequest[], theirs: RecordedRequest[]): void {
  expect(ours.map(meaning)).toEqual(theirs.map(meaning));
  expect(ours.length).toBeGreaterThan(0);
}

/** jsforce's errors that are the fake's refusal (they carry Salesforce's `errorCode`). */
export const salesforceRefusal = errorWith('errorCode');
