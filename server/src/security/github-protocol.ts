import { z } from 'zod';
import type { SignInProtocol } from './sign-in-protocol.js';
import { isLoopbackHttp, providerTimeoutMs, SignInError, type SignInProvider } from './sign-in-provider.js';
import { calculatePKCECodeChallenge } from 'openid-client';

const tokenAnswer = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);
const userAnswer = z.object({ id: z.number().int() });
const emailsAnswer = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

function bases(provider: SignInProvider): { web: string; api: string } {
  const web = provider.webUrl ?? 'https://github.com';
  const api = provider.apiUrl ?? 'https://api.github.com';
  for (const url of [web, api]) {
    if (!url.startsWith('https:') && !isLoopbackHttp(url)) throw new SignInError('PROVIDER_UNAVAILABLE', `${url} is not https`);
  }
  return { web, api };
}

async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(providerTimeoutMs) });
  } catch (error) {
    throw new SignInError('PROVIDER_UNAVAILABLE', `GitHub ${what} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new SignInError('PROVIDER_DENIED', `GitHub ${what} answered HTTP ${response.status}`);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new SignInError('PROVIDER_UNAVAILABLE', `GitHub ${what} answered in an unexpected shape`);
  return parsed.data;
}

/**
 * GitHub is OAuth 2.0 without OpenID Connect: the code (with PKCE) is exchanged for a token, which reads
 * GET /user (the stable numeric id) and GET /user/emails (only the primary address, and only when verified).
 */
export const githubProtocol: SignInProtocol = {
  async authorizationUrl(provider, checks) {
    const url = new URL('/login/oauth/authorize', bases(provider).web);
    url.search = new URLSearchParams({
      client_id: provider.clientId,
      redirect_uri: checks.redirectUri,
      scope: 'read:user user:email',
      state: checks.state,
      code_challenge: await calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      // Only existing GitHub accounts: signing up for one midway is no use here.
      allow_signup: 'false',
    }).toString();
    return url;
  },

  async identity(provider, callback, checks) {
    const denied = callback.get('error');
    if (denied) throw new SignInError('PROVIDER_DENIED', `GitHub refused: ${denied}`);
    const code = callback.get('code');
    if (!code || callback.get('state') !== checks.state) throw new SignInError('STATE_INVALID', 'the callback carries no code or another state');
    const { web, api } = bases(provider);
    const token = await call(
      new URL('/login/oauth/access_token', web).href,
      {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: provider.clientId,
          client_secret: provider.clientSecret,
          code,
          redirect_uri: checks.redirectUri,
          code_verifier: checks.codeVerifier,
        }).toString(),
      },
      tokenAnswer,
      'token exchange',
    );
    // GitHub answers a bad code with HTTP 200 and an `error` field.
    if ('error' in token) throw new SignInError('PROVIDER_DENIED', `GitHub refused the code: ${token.error}`);
    const headers = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token.access_token}`,
      'user-agent': 'Switchyard',
      'x-github-api-version': '2022-11-28',
    };
    const user = await call(`${api}/user`, { headers }, userAnswer, 'user lookup');
    const emails = await call(`${api}/user/emails`, { headers }, emailsAnswer, 'e-mail lookup');
    const primary = emails.find((entry) => entry.primary);
    if (!primary) throw new SignInError('EMAIL_UNVERIFIED', 'the GitHub account has no primary e-mail address');
    return { subject: String(user.id), email: primary.email.toLowerCase(), emailVerified: primary.verified };
  },
};
