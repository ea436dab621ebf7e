import { z } from 'zod';

/**
 * Why a provider sign-in ended on the login page instead of in the app. The callback puts the code (never a
 * message, so a crafted link cannot make the login page say anything) in `?signInError=`.
 */
export const signInErrorCodes = [
  'UNKNOWN_PROVIDER',
  'STATE_INVALID',
  'PROVIDER_DENIED',
  'PROVIDER_UNAVAILABLE',
  'TOKEN_INVALID',
  'EMAIL_UNVERIFIED',
  'NOT_INVITED',
  'TOO_MANY_SIGN_INS',
] as const;
export type SignInErrorCode = (typeof signInErrorCodes)[number];

export const signInProviderKinds = ['google', 'github', 'oidc'] as const;
export type SignInProviderKind = (typeof signInProviderKinds)[number];

/** What the login page needs to draw a "Continue with …" button. */
export const signInButtonSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(signInProviderKinds),
  startUrl: z.string().describe('open this in the browser (top-level) to start the sign-in; add ?returnTo=/path'),
});
export type SignInButton = z.infer<typeof signInButtonSchema>;

/** A provider as the owner's settings show it: the client secret never appears, only whether it is set. */
export const signInProviderViewSchema = z.object({
  id: z.string(),
  kind: z.enum(signInProviderKinds),
  name: z.string(),
  source: z.enum(['env', 'settings']).describe('env: set by environment variables, read-only here'),
  enabled: z.boolean(),
  issuer: z.string().nullable().describe('OpenID Connect issuer (google, oidc)'),
  webUrl: z.string().nullable().describe('GitHub web base (github)'),
  apiUrl: z.string().nullable().describe('GitHub API base (github)'),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  redirectUri: z.string().describe('register this as the redirect (callback) URL at the provider'),
});
export type SignInProviderView = z.infer<typeof signInProviderViewSchema>;

const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500);

export const signInProviderInputSchema = z.strictObject({
  kind: z.enum(signInProviderKinds),
  name: z.string().trim().min(1).max(60).optional().describe('button label; defaults to Google / GitHub'),
  issuer: baseUrl.optional().describe('oidc: required; google: defaults to https://accounts.google.com'),
  webUrl: baseUrl.optional().describe('github: defaults to https://github.com (GitHub Enterprise: its address)'),
  apiUrl: baseUrl.optional().describe('github: defaults to https://api.github.com'),
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(1000).optional().describe('required when creating; omit to keep the stored one'),
  enabled: z.boolean().default(true),
});
export type SignInProviderInput = z.input<typeof signInProviderInputSchema>;

export const invitationStatuses = ['open', 'accepted', 'revoked', 'expired'] as const;

export const invitationViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.enum(invitationStatuses),
  invitedBy: z.string().nullable().describe('user id of the inviter'),
  createdAt: z.number(),
  expiresAt: z.number(),
  acceptedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;
