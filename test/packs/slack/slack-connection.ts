import { createHmac } from 'node:crypto';
import { LogLevel, WebClient } from '@slack/web-api';
import { expect } from 'vitest';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { SlackFake, SlackRequest } from './slack-fake.js';

/** A bot token as Slack issues them (the fake accepts exactly this one). */
export const botToken = 'xoxb-1717243200-5829471037-Sw1tchyArdE2eT0ken';
export const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';

/** Saves a Slack connection with a pasted bot token, pointed at the fake (its auth.test runs there). */
export async function connectSlack(server: SwitchyardProcess, fake: SlackFake, token = botToken): Promise<{ status: number; id: string; message: string | undefined }> {
  const created = await server.api<{ connection?: { id: string }; error?: { message: string } }>('POST', '/connections', {
    packId: 'slack',
    name: 'Slack (Switchyard QA)',
    fields: { base_url: fake.url, signing_secret: signingSecret },
    token,
  });
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message };
}

/** The oracle: Slack's official Web API client pointed at the fake, without retries (its warnings about the fake's answers muted). */
export function slackSdk(fake: SlackFake): WebClient {
  return new WebClient(botToken, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
}

/** Signs an Events API delivery as Slack does: `v0=` hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(body: string, timestamp: number, secret = signingSecret): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What Slack reads from a request: method, path, arguments (query and body), body encoding and token. */
function meaning(request: SlackRequest) {
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    args: request.args,
    contentType: request.contentType,
    authorization: request.headers['authorization'],
  };
}

/** Our request and the SDK's for the same operation agree in method, path, query, decoded body, encoding and token. */
export function expectSameRequest(ours: SlackRequest, sdk: SlackRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(ours.headers['authorization']).toBe(`Bearer ${botToken}`);
  if (ours.method === 'POST') expect(ours.contentType).toBe('application/x-www-form-urlencoded');
}

/** Runs an SDK call and answers the one request it sent; a refusal by the fake is part of what is compared. */
export async function sdkRequest(fake: SlackFake, call: () => Promise<unknown>): Promise<SlackRequest> {
  const before = fake.requests.length;
  await call().catch((error: unknown) => {
    if (!(error instanceof Error && 'code' in error)) throw error;
  });
  expect(fake.requests.length).toBe(before + 1);
  return fake.requests.at(-1)!;
}
