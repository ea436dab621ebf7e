import { Client, LogLevel } from '@notionhq/client';
import { expect } from 'vitest';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { NotionFake, NotionRequest } from './notion-fake.js';

/** An internal integration secret as Notion issues them (the fake accepts exactly this one). */
export const integrationSecret = 'ntn_1234567890abcdefSwitchyardE2eInternalSecret00';

/** Saves a Notion connection with a pasted internal integration secret, pointed at the fake (its /users/me runs there). */
export async function connectNotion(server: SwitchyardProcess, fake: NotionFake, token = integrationSecret): Promise<{ status: number; id: string; message: string | undefined }> {
  const created = await server.api<{ connection?: { id: string }; error?: { message: string } }>('POST', '/connections', {
    packId: 'notion',
    name: 'Notion (Acme)',
    fields: { base_url: fake.url },
    token,
  });
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message };
}

/** The oracle: Notion's official client (its default Notion-Version) pointed at the fake, without retries. */
export function notionSdk(fake: NotionFake): Client {
  return new Client({ auth: integrationSecret, baseUrl: fake.url, logLevel: LogLevel.ERROR, retry: false });
}

/** What Notion reads from a request: method, path, query, JSON body, version and token. */
function meaning(request: NotionRequest) {
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    json: request.json,
    version: request.headers['notion-version'],
    authorization: request.headers['authorization'],
  };
}

export function expectSameRequest(ours: NotionRequest, sdk: NotionRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(`Bearer ${integrationSecret}`);
}

/** Runs an SDK call and answers the one request it sent; a refusal by the fake is part of what is compared. */
export async function sdkRequest(fake: NotionFake, call: () => Promise<unknown>): Promise<NotionRequest> {
  const before = fake.requests.length;
  await call().catch((error: unknown) => {
    if (!(error instanceof Error && 'code' in error)) throw error;
  });
  expect(fake.requests.length).toBe(before + 1);
  return fake.requests.at(-1)!;
}
