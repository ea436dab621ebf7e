import { createHmac } from 'node:crypto';
import { Crisp } from 'crisp-api';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import type { IsRefusal } from '../../support/pack-step-harness.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { CrispFake } from './crisp-fake.js';

export const websiteId = '42286ab3-b29a-4fde-8538-da0ae501d825';
export const tokenIdentifier = 'b6a9ec1d-9c4f-4b4f-9b3f-0b5a6a0f1c2d';
export const tokenKey = '6f1c4e0b8d3a2f7e9c5b1a0d4e8f2c6b7a9d3e1f5c0b8a2d4f6e9c1b3a5d7e0f';
export const signingSecret = 'crisp-hook-signing-secret-7a9d3e1f';

/** Saves a Crisp connection with the plugin token, pointed at the fake (its test request runs there). */
export function connectCrisp(server: SwitchyardProcess, fake: CrispFake, key = tokenKey): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'crisp',
    name: 'Crisp (Acme)',
    fields: { identifier: tokenIdentifier, key, website_id: websiteId, signing_secret: signingSecret, base_url: fake.url },
  });
}

/** The oracle: crisp-api on the plugin tier, its REST host set to the fake (`setRestHost`). */
export function crispSdk(fake: CrispFake): Crisp {
  const client = new Crisp();
  client.setRestHost(fake.host);
  client.authenticateTier('plugin', tokenIdentifier, tokenKey);
  return client;
}

/** Crisp's Web Hooks signature: hex HMAC-SHA256 of `[<timestamp>;<JSON body>]` (what crisp-api's verifyHook recomputes). */
export function crispSignature(body: string, timestamp: number, secret = signingSecret): string {
  return createHmac('sha256', secret).update(`[${timestamp};${body}]`).digest('hex');
}

/**
 * What Crisp reads from a request: method, decoded path (crisp-api leaves `@` of an email people ID as is, we
 * percent-encode it; both name the same profile), query, decoded body, the credentials and the tier.
 */
function meaning(request: RecordedRequest) {
  return { method: request.method, path: decodeURIComponent(request.path), query: request.query, body: request.json ?? null, authorization: request.headers['authorization'], tier: request.headers['x-crisp-tier'] };
}

export function expectSameRequest(ours: RecordedRequest, sdk: RecordedRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(`Basic ${Buffer.from(`${tokenIdentifier}:${tokenKey}`).toString('base64')}`);
}

/** crisp-api's errors that are the fake's refusal: it rejects with a plain object giving Crisp's `reason`. */
export const crispRefusal: IsRefusal = (error) => typeof error === 'object' && error !== null && 'reason' in error;
