import { IntercomClient } from 'intercom-client';
import { expect } from 'vitest';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { IntercomFake, IntercomRequest } from './intercom-fake.js';

/** Saves an Intercom connection with the fake's workspace access token (its test request runs there). */
export async function connectIntercom(server: SwitchyardProcess, fake: IntercomFake, token = fake.accessToken): Promise<{ status: number; id: string; message: string | undefined }> {
  const created = await server.api<{ connection?: { id: string }; error?: { message: string } }>('POST', '/connections', {
    packId: 'intercom',
    name: 'Intercom (access token)',
    fields: { base_url: fake.url, app_url: fake.url, client_secret: fake.oauthApp.clientSecret },
    token,
  });
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message };
}

/** The oracle: `intercom-client` 7 pointed at the fake (`baseUrl`) with the same token, without retries. */
export function intercomSdk(fake: IntercomFake): IntercomClient {
  return new IntercomClient({ token: fake.accessToken, baseUrl: fake.url, maxRetries: 0 });
}

/** What an Intercom request means: method, path, query, decoded JSON body, token and the pinned API version. */
function meaning(request: IntercomRequest) {
  return {
    method: request.method,
    path: request.path,
    query: [...request.query].sort(([a], [b]) => a.localeCompare(b)),
    body: request.json ?? null,
    token: /^Bearer (.+)$/.exec(String(request.headers['authorization'] ?? ''))?.[1],
    version: request.headers['intercom-version'],
  };
}

export function expectSameRequest(ours: IntercomRequest, sdk: IntercomRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['intercom-version']).toBe('2.14');
}

/** Runs an SDK call and answers the requests it sent; a refusal by the fake is part of what is compared. */
export async function sdkRequests(fake: IntercomFake, call: () => Promise<unknown>): Promise<IntercomRequest[]> {
  const before = fake.requests.length;
  await call().catch((error: unknown) => {
    if (!(error instanceof Error && 'statusCode' in error)) throw error;
  });
  return fake.requests.slice(before);
}
