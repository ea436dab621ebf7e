import { Octokit } from '@octokit/rest';
import { expect } from 'vitest';
import { errorWith } from '../../support/pack-step-harness.js';
import { jsonRequestMeaning } from '../../support/request-meaning.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { GithubFake, GithubRequest } from './github-fake.js';

/** A personal access token as GitHub issues them (the fake accepts exactly this one). */
export const personalToken = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
export const webhookSecret = "It's a Secret to Everybody";

/** Saves a GitHub connection with a pasted personal access token, pointed at the fake (its test request runs there). */
export function connectGithub(server: SwitchyardProcess, fake: GithubFake, token = personalToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'github',
    name: 'GitHub (octocat)',
    fields: { base_url: fake.url, webhook_secret: webhookSecret },
    token,
  });
}

/** The oracle: the official REST SDK pointed at the fake with the same token. */
export function githubSdk(fake: GithubFake): Octokit {
  // Refusals are expected in some comparisons; the SDK would log each one.
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return new Octokit({ auth: personalToken, baseUrl: fake.url, userAgent: 'switchyard-oracle', log: quiet });
}

/** What a GitHub request means: method, raw path, query, decoded JSON body and the token it carries. */
function meaning(request: GithubRequest) {
  const authorization = String(request.headers['authorization'] ?? '');
  return {
    ...jsonRequestMeaning(request),
    contentType: request.body === '' ? undefined : String(request.headers['content-type']).split(';')[0],
    // GitHub takes the token after "Bearer" or "token"; Octokit writes "token", the pack "Bearer".
    token: /^(?:bearer|token) (.+)$/i.exec(authorization)?.[1],
  };
}

/**
 * Our request and the SDK's for the same operation agree in method, path, query, body and token; ours also
 * names the JSON media type and API version GitHub documents, and a User-Agent (GitHub refuses calls without one).
 */
export function expectSameRequest(ours: GithubRequest, sdk: GithubRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(meaning(ours).token).toBe(personalToken);
  expect(ours.headers['accept']).toBe('application/vnd.github+json');
  expect(ours.headers['x-github-api-version']).toBe('2022-11-28');
  expect(ours.headers['user-agent']).toBe('Switchyard');
}

/** Octokit's errors that are the fake's refusal (a RequestError carries the HTTP `status`). */
export const githubRefusal = errorWith('status');
