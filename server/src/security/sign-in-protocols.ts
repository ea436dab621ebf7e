import type { SignInProviderKind } from '../contracts/sign-in.js';
import { githubProtocol } from './github-protocol.js';
import { oidcProtocol } from './oidc-protocol.js';
import type { SignInProtocol } from './sign-in-protocol.js';

/** Google is OpenID Connect at https://accounts.google.com; GitHub has its own OAuth flow. */
export const signInProtocols: Record<SignInProviderKind, SignInProtocol> = { google: oidcProtocol, oidc: oidcProtocol, github: githubProtocol };
