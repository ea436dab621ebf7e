import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { SignInProtocol } from './sign-in-protocol.js';
import { isLoopbackHttp, providerTimeoutMs, SignInError, type SignInProvider } from './sign-in-provider.js';

/** Discovery documents are kept this long, so a provider's changed endpoints are picked up without a restart. */
const discoveryTtlMs = 60 * 60_000;
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** The cache key covers every field discovery depends on (the secret hashed), so an edited provider is discovered again. */
function cacheKey(provider: SignInProvider): string {
  return createHash('sha256').update(JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret])).digest('hex');
}

function configurationOf(provider: SignInProvider): Promise<client.Configuration> {
  const key = cacheKey(provider);
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < discoveryTtlMs) return cached.config;
  // Entries of edited or removed providers would otherwise stay for the life of the process.
  for (const [other, entry] of discovered) if (Date.now() - entry.at >= discoveryTtlMs) discovered.delete(other);
  const issuer = provider.issuer;
  if (!issuer) throw new SignInError('PROVIDER_UNAVAILABLE', `provider ${provider.id} has no issuer`);
  // Signature checks against the issuer's JWKS are on even though the ID token comes straight from the
  // token endpoint: the issuer's keys, not only TLS, vouch for it.
  const execute = isLoopbackHttp(issuer) ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks];
  const config = client
    .discovery(new URL(issuer), provider.clientId, provider.clientSecret, undefined, { execute, timeout: providerTimeoutMs / 1000 })
    .catch((error: unknown) => {
      discovered.delete(key);
      throw new SignInError('PROVIDER_UNAVAILABLE', `discovery at ${issuer} failed: ${describe(error)}`);
    });
  discovered.set(key, { at: Date.now(), config });
  return config;
}

/** The error's kind and message only: provider errors never carry our secrets, and tokens are not in these messages. */
function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof client.ClientError) return `${error.code ?? 'client error'}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function refusal(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return new SignInError('PROVIDER_DENIED', `the provider refused: ${describe(error)}`);
  }
  if (error instanceof client.ClientError) return new SignInError('TOKEN_INVALID', `the provider's answer failed a check: ${describe(error)}`);
  return new SignInError('PROVIDER_UNAVAILABLE', `the provider could not be reached: ${describe(error)}`);
}

/** Some providers send `email_verified` as the string "true". */
function verified(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * OpenID Connect (Google, or any issuer by discovery): authorization code with PKCE, state and nonce; the
 * ID token's signature (JWKS), issuer, audience, expiry and nonce are checked by openid-client.
 */
export const oidcProtocol: SignInProtocol = {
  async authorizationUrl(provider, checks) {
    const config = await configurationOf(provider);
    return client.buildAuthorizationUrl(config, {
      redirect_uri: checks.redirectUri,
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  },

  async identity(provider, callback, checks) {
    const config = await configurationOf(provider);
    // The redirect URI is rebuilt from the public URL, not taken from the request, which a proxy may have rewritten.
    const current = new URL(checks.redirectUri);
    current.search = callback.toString();
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SignInError('TOKEN_INVALID', 'the provider sent no ID token');
      let { email, email_verified: emailVerified } = claims;
      // Some issuers put the address only in the UserInfo answer.
      if (typeof email !== 'string') {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        ({ email, email_verified: emailVerified } = info);
      }
      if (typeof email !== 'string' || email === '') throw new SignInError('EMAIL_UNVERIFIED', 'the provider shared no e-mail address');
      return { subject: claims.sub, email: email.toLowerCase(), emailVerified: verified(emailVerified) };
    } catch (error) {
      throw refusal(error);
    }
  },
};
