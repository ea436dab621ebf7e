import { Client } from '@hubspot/api-client';
import { expect } from 'vitest';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { HubspotFake, HubspotRequest } from './hubspot-fake.js';

/** Saves a HubSpot connection with the fake's private app token (its test request runs there). */
export async function connectHubspot(server: SwitchyardProcess, fake: HubspotFake, token = fake.privateToken): Promise<{ status: number; id: string; message: string | undefined }> {
  const created = await server.api<{ connection?: { id: string }; error?: { message: string } }>('POST', '/connections', {
    packId: 'hubspot',
    name: 'HubSpot (private app)',
    fields: { base_url: fake.url, app_url: fake.url, client_secret: fake.oauthApp.clientSecret },
    token,
  });
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message };
}

/** The oracle: HubSpot's official SDK pointed at the fake with the same token, without its retries. */
export function hubspotSdk(fake: HubspotFake): Client {
  return new Client({ accessToken: fake.privateToken, basePath: fake.url, numberOfApiCallRetries: 0 });
}

/** What a HubSpot request means: method, path, query, decoded JSON body and the token it carries. */
function meaning(request: HubspotRequest) {
  return {
    method: request.method,
    path: request.path,
    query: [...request.query].sort(([a], [b]) => a.localeCompare(b)),
    body: request.json ?? null,
    token: /^Bearer (.+)$/.exec(String(request.headers['authorization'] ?? ''))?.[1],
  };
}

export function expectSameRequest(ours: HubspotRequest, sdk: HubspotRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
}

/** Runs an SDK call and answers the requests it sent; a refusal by the fake is part of what is compared. */
export async function sdkRequests(fake: HubspotFake, call: () => Promise<unknown>): Promise<HubspotRequest[]> {
  const before = fake.requests.length;
  await call().catch((error: unknown) => {
    if (!(error instanceof Error && 'code' in error)) throw error;
  });
  return fake.requests.slice(before);
}
