import { z } from 'zod';
import { standardWebhooksKey } from './standard-webhooks-key.js';
import { sendgridPublicKey } from './verify-sendgrid.js';

// RFC 9110 token characters, so a configured name can actually appear on the wire.
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name')
  .max(256);

const toleranceSeconds = z.number().int().min(1).max(86_400).default(300);

/** Senders rotate one secret at a time; a handful of old ones covers every overlap window we know of. */
export const MAX_PREVIOUS_SECRETS = 5;

function signingSecrets(secret: z.ZodType<string>) {
  return {
    secret,
    /** Secrets that still verify while the sender switches over; any match is accepted. */
    previousSecrets: z.array(secret).max(MAX_PREVIOUS_SECRETS).optional(),
  };
}

const plainSecrets = signingSecrets(z.string().min(1));

export const hmacVerificationSchema = z
  .object({
    scheme: z.literal('hmac'),
    ...plainSecrets,
    /** Header carrying the signature, e.g. `x-signature`. */
    header: headerName,
    algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256'),
    encoding: z.enum(['hex', 'base64']).default('hex'),
    /** Text before the signature in the header, e.g. `sha256=`. */
    prefix: z.string().min(1).max(64).optional(),
    /** Header with the send time in unix seconds; when set, its age is checked against `toleranceSeconds`. */
    timestampHeader: headerName.optional(),
    toleranceSeconds,
    /** `timestamp.body` signs `${timestamp}.${rawBody}`, binding the timestamp to the signature. */
    signedPayload: z.enum(['body', 'timestamp.body']).default('body'),
  })
  .refine((config) => config.signedPayload === 'body' || config.timestampHeader !== undefined, {
    path: ['timestampHeader'],
    message: 'required when signedPayload is "timestamp.body"',
  });

/** A secret repeated verbatim in a header (`<prefix><secret>`), for senders that let the user set headers but sign nothing. */
export const sharedSecretVerificationSchema = z.object({
  scheme: z.literal('shared-secret'),
  ...plainSecrets,
  header: headerName,
  /** Text before the secret, e.g. `Bearer `. */
  prefix: z.string().min(1).max(64).optional(),
  toleranceSeconds,
});

export const standardWebhooksVerificationSchema = z.object({
  scheme: z.literal('standard-webhooks'),
  /** `whsec_` followed by the base64 key, as Standard Webhooks and Svix senders show it. */
  ...signingSecrets(
    z.string().refine((secret) => standardWebhooksKey(secret) !== null, 'must be "whsec_" followed by a base64 key'),
  ),
  toleranceSeconds,
});

/** A vendor scheme whose headers, algorithm and encoding are fixed: only the secret(s) and window vary. */
function namedScheme<const S extends string>(scheme: S) {
  return z.object({ scheme: z.literal(scheme), ...plainSecrets, toleranceSeconds });
}

export const stripeVerificationSchema = namedScheme('stripe');
export const githubVerificationSchema = namedScheme('github');
export const slackVerificationSchema = namedScheme('slack');
export const shopifyVerificationSchema = namedScheme('shopify');
export const hubspotV3VerificationSchema = namedScheme('hubspot-v3');
export const intercomVerificationSchema = namedScheme('intercom');
export const sentryVerificationSchema = namedScheme('sentry');
export const twilioVerificationSchema = namedScheme('twilio');
export const crispVerificationSchema = namedScheme('crisp');

/** A JWT signed with the shared secret in a header (monday.com: `Authorization`); see verify-jwt.ts. */
export const jwtVerificationSchema = z.object({
  scheme: z.literal('jwt'),
  ...plainSecrets,
  header: headerName.default('authorization'),
  toleranceSeconds,
});

export const verificationConfigSchema = z.discriminatedUnion('scheme', [
  hmacVerificationSchema,
  sharedSecretVerificationSchema,
  standardWebhooksVerificationSchema,
  stripeVerificationSchema,
  githubVerificationSchema,
  slackVerificationSchema,
  shopifyVerificationSchema,
  hubspotV3VerificationSchema,
  intercomVerificationSchema,
  sentryVerificationSchema,
  twilioVerificationSchema,
  crispVerificationSchema,
  jwtVerificationSchema,
  z.object({ scheme: z.literal('sendgrid'), ...signingSecrets(z.string().refine((key) => sendgridPublicKey(key) !== null, 'must be the base64 P-256 public key SendGrid shows for the signed Event Webhook')), toleranceSeconds }),
]);

export type HmacVerificationConfig = z.output<typeof hmacVerificationSchema>;
export type SharedSecretVerificationConfig = z.output<typeof sharedSecretVerificationSchema>;
export type StandardWebhooksVerificationConfig = z.output<typeof standardWebhooksVerificationSchema>;
export type VerificationConfig = z.output<typeof verificationConfigSchema>;
export type VerificationScheme = VerificationConfig['scheme'];
export type ConfigOf<S extends VerificationScheme> = Extract<VerificationConfig, { scheme: S }>;
/** What every scheme's config carries: the secret, the ones still accepted during rotation, the window. */
export interface SecretsConfig {
  secret: string;
  previousSecrets?: string[] | undefined;
  toleranceSeconds: number;
}
