import type { ProviderIdentity, SignInChecks, SignInProvider } from './sign-in-provider.js';

/** One way of signing in through a provider: where to send the browser, and what its callback proves. */
export interface SignInProtocol {
  authorizationUrl(provider: SignInProvider, checks: SignInChecks): Promise<URL>;
  /** `callback` is the query the provider sent the browser back with; throws a `SignInError`. */
  identity(provider: SignInProvider, callback: URLSearchParams, checks: SignInChecks): Promise<ProviderIdentity>;
}
