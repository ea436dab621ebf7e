import { createHash, timingSafeEqual } from 'node:crypto';
import { randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import { z } from 'zod';
import type { SecretBox } from '../connections/secret-box.js';
import type { SignInErrorCode } from '../contracts/sign-in.js';
import { resolveSignInUser } from '../security/resolve-sign-in-user.js';
import { safeReturnPath } from '../security/safe-return-path.js';
import { SignInError, type SignInChecks } from '../security/sign-in-provider.js';
import { signInProtocols } from '../security/sign-in-protocols.js';
import type { Database } from '../storage/database.js';
import { signInStateRepo } from '../storage/sign-in-state-repo.js';
import type { UserRow } from '../storage/tables.js';
import type { SignInProviders } from './sign-in-providers.js';

/** The browser's half of a sign-in in flight: the state row stores only this cookie's hash. */
export const signInCookie = 'switchyard_sign_in';
export const signInCookiePath = '/api/v1/auth/sign-in/';
/** Time from "Continue with …" to the provider's callback. */
export const signInStateTtlMs = 10 * 60_000;
/**
 * Sign-ins in flight at once, across all browsers: starting one needs no account, so this bounds what a flood
 * of starts can store (each row lives at most the TTL above).
 */
export const signInsInFlight = 10_000;

const sealedChecks = z.object({ nonce: z.string(), codeVerifier: z.string() });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const stateContext = (stateHash: string) => `sign-in-state:${stateHash}`;

export type SignInResult =
  | { ok: true; user: UserRow; outcome: 'signed-in' | 'linked' | 'invited'; invitationId?: string; providerId: string; returnTo: string }
  | { ok: false; code: SignInErrorCode; reason: string; providerId: string; email?: string; returnTo: string };

export interface SignInFlowDeps {
  database: Database;
  box: SecretBox;
  now(): number;
  providers: SignInProviders;
}

/**
 * A provider sign-in from the button to the session. State, nonce and PKCE verifier are fresh per sign-in;
 * the state row is single use (taken when the callback arrives), expires, and only opens for the browser
 * whose cookie started it, so a callback link sent to someone else, or replayed, signs nobody in.
 */
export function createSignInFlow(deps: SignInFlowDeps) {
  const { database, box, now, providers } = deps;

  return {
    /** Where to send the browser; throws `SignInError` (UNKNOWN_PROVIDER, PROVIDER_UNAVAILABLE, TOO_MANY_SIGN_INS). */
    async start(providerId: string, returnTo: string | undefined, browserKey: string): Promise<URL> {
      const provider = await providers.find(providerId);
      if (!provider) throw new SignInError('UNKNOWN_PROVIDER', `no enabled sign-in provider ${providerId}`);
      const checks: SignInChecks = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier(), redirectUri: providers.redirectUri(provider.id) };
      const url = await signInProtocols[provider.kind].authorizationUrl(provider, checks);
      const stateHash = sha256(checks.state);
      const secrets = box.seal(JSON.stringify({ nonce: checks.nonce, codeVerifier: checks.codeVerifier }), stateContext(stateHash));
      const row = { state_hash: stateHash, provider_id: provider.id, browser_hash: sha256(browserKey), secrets, return_to: safeReturnPath(returnTo), expires_at: now() + signInStateTtlMs };
      if (!(await database.write((trx) => signInStateRepo.create(trx, row, now(), signInsInFlight)))) {
        throw new SignInError('TOO_MANY_SIGN_INS', `${signInsInFlight} sign-ins are in flight already`);
      }
      return url;
    },

    async finish(providerId: string, query: URLSearchParams, browserKey: string | undefined): Promise<SignInResult> {
      const state = query.get('state');
      const row = state ? await database.write((trx) => signInStateRepo.take(trx, sha256(state))) : undefined;
      const refuse = (code: SignInErrorCode, reason: string, extra: { email?: string } = {}): SignInResult => ({ ok: false, code, reason, providerId, returnTo: row?.return_to ?? '/', ...extra });
      if (!state || !row) return refuse('STATE_INVALID', 'unknown, used or missing state');
      if (row.provider_id !== providerId) return refuse('STATE_INVALID', `the state belongs to provider ${row.provider_id}`);
      if (row.expires_at <= now()) return refuse('STATE_INVALID', 'the state expired');
      const expected = Buffer.from(row.browser_hash, 'hex');
      const actual = Buffer.from(sha256(browserKey ?? ''), 'hex');
      if (!browserKey || !timingSafeEqual(expected, actual)) return refuse('STATE_INVALID', 'the callback came to another browser than the one that started the sign-in');
      const provider = await providers.find(providerId);
      if (!provider) return refuse('UNKNOWN_PROVIDER', `provider ${providerId} was removed or disabled meanwhile`);
      const sealed = sealedChecks.parse(JSON.parse(box.open(row.secrets, stateContext(row.state_hash))));
      const checks: SignInChecks = { state, ...sealed, redirectUri: providers.redirectUri(provider.id) };
      try {
        const identity = await signInProtocols[provider.kind].identity(provider, query, checks);
        const resolution = await resolveSignInUser(database, provider.id, identity, now());
        if (!resolution.ok) {
          const reason = resolution.code === 'NOT_INVITED' ? 'no user and no open invitation for this address' : 'the provider has not verified this address';
          return refuse(resolution.code, reason, { email: identity.email });
        }
        return { ...resolution, providerId, returnTo: row.return_to };
      } catch (error) {
        if (error instanceof SignInError) return refuse(error.code, error.message);
        throw error;
      }
    },
  };
}

export type SignInFlow = ReturnType<typeof createSignInFlow>;
