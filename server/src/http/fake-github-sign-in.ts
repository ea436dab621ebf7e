import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculatePKCECodeChallenge } from 'openid-client';

export interface FakeGithubAccount {
  id: number;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

/**
 * GitHub's OAuth web flow and the two API calls sign-in makes, on 127.0.0.1 port 0: /login/oauth/authorize
 * approves at once for `account`, /login/oauth/access_token checks client, code, redirect URI and PKCE verifier
 * (answering a bad code with 200 and `error`, as GitHub does), /user and /user/emails need the token.
 */
export async function startFakeGithub(client: { id: string; secret: string }) {
  const state = { account: { id: 1, emails: [] } as FakeGithubAccount, requests: [] as string[] };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Set<string>();
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const url = new URL(request.url ?? '/', 'http://fake');
        state.requests.push(`${request.method} ${url.pathname}`);
        if (url.pathname === '/login/oauth/authorize') {
          const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
          if (url.searchParams.get('client_id') !== client.id || url.searchParams.get('code_challenge_method') !== 'S256') {
            redirect.searchParams.set('error', 'invalid_request');
          } else {
            const code = randomBytes(10).toString('hex');
            codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri: redirect.href });
            redirect.searchParams.set('code', code);
          }
          redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
          response.writeHead(302, { location: redirect.href }).end();
          return;
        }
        if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
          const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
          const issued = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const ok =
            issued &&
            form.get('client_id') === client.id &&
            form.get('client_secret') === client.secret &&
            form.get('redirect_uri') === issued.redirectUri &&
            (await calculatePKCECodeChallenge(form.get('code_verifier') ?? '')) === issued.challenge;
          if (!ok) return json(response, 200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' });
          const token = `gho_${randomBytes(16).toString('hex')}`;
          tokens.add(token);
          return json(response, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
        }
        const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (!token || !tokens.has(token)) return json(response, 401, { message: 'Requires authentication' });
        if (url.pathname === '/user') return json(response, 200, { id: state.account.id, login: `user${state.account.id}` });
        if (url.pathname === '/user/emails') return json(response, 200, state.account.emails.map((e) => ({ ...e, visibility: null })));
        return json(response, 404, { message: 'Not Found' });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
