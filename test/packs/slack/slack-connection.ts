import { createHmac } from 'node:crypto';
import { LogLevel, WebClient } from '@slack/web-api';
import { expect } from 'vitest';
import { errorWith } from '../../support/pack-step-harness.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { SlackFake, SlackRequest } from './slack-fake.js';

/** A bot token as Slack issues them (the fake accepts exactly this one). */
export const botToken = 'xoxb-1717243200-5829471037-Sw1tchyArdE2eT0ken';
export const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';

/** Saves a Slack connection with a pasted bot token, pointed at the fake (its auth.test runs there). */
export function connectSlack(server: SwitchyardProcess, fake: SlackFake, token = botToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'slack',
    name: 'Slack (Switchyard QA)',
    fields: { base_url: fake.url, signing_secret: signingSecret },
    token,
  });
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

/** The Web API client's errors that are the fake's refusal (they carry a `code`, e.g. slack_webapi_platform_error). */
export const slackRefusal = errorWith('code');
