import type { SignInErrorCode, SignInProviderKind } from '../contracts/sign-in.js';

/** A configured sign-in provider, secret included (never sent to a browser or a log). */
export interface SignInProvider {
  id: string;
  kind: SignInProviderKind;
  /** The button label: "Continue with <name>". */
  name: string;
  /** OpenID Connect issuer (kinds google and oidc). */
  issuer: string | null;
  /** GitHub's web and API bases (kind github). */
  webUrl: string | null;
  apiUrl: string | null;
  clientId: string;
  clientSecret: string;
}

/** Who the provider says signed in. */
export interface ProviderIdentity {
  /** The provider's stable account id (`sub`, GitHub's numeric user id). */
  subject: string;
  email: string;
  /** Whether the provider vouches that the address belongs to this account. */
  emailVerified: boolean;
}

/** What one sign-in carries from its start to its callback (kept sealed server-side meanwhile). */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/** A sign-in that ends on the login page; `message` is for the server log and the audit entry, not the browser. */
export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** Plain http is accepted for providers on this machine only (tests, local development); anything else must be https. */
export function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
}

/** Bounds every call to a provider: a hung provider fails the sign-in instead of holding the request. */
export const providerTimeoutMs = 10_000;
