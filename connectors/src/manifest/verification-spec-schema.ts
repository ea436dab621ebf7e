import { z } from 'zod';
import { headerNameSchema, templateSchema } from './names.js';

/** Verification schemes built into the server (DESIGN §6); a pack names one, it never supplies code. */
export const namedSchemes = [
  'stripe', 'github', 'slack', 'shopify', 'standard-webhooks', 'hubspot-v3', 'intercom', 'sentry', 'twilio',
  'sendgrid', 'crisp',
] as const;
export const verificationSchemes = [...namedSchemes, 'hmac', 'shared-secret', 'jwt'] as const;
export type VerificationSchemeName = (typeof verificationSchemes)[number];

const common = {
  /**
   * The signing secret, usually a connection or trigger field (`{{connection.signing_secret}}`). When a
   * secret changes, the previous one keeps verifying for the rotation window.
   */
  secret: templateSchema,
  /** How far a signed timestamp may be from our clock, in both directions. */
  toleranceSeconds: z.number().int().min(1).max(86_400).default(300),
};

export const namedVerificationSchema = z.strictObject({ scheme: z.enum(namedSchemes), ...common });

/** A vendor with its own HMAC convention: say which header, algorithm and encoding. */
export const hmacVerificationSpecSchema = z.strictObject({
  scheme: z.literal('hmac'),
  ...common,
  header: headerNameSchema,
  algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  prefix: z.string().min(1).max(64).optional(),
  timestampHeader: headerNameSchema.optional(),
  signedPayload: z.enum(['body', 'timestamp.body']).default('body'),
});

/** A secret the sender repeats in a header the user sets on it (`<prefix><secret>`); nothing is signed. */
export const sharedSecretVerificationSpecSchema = z.strictObject({
  scheme: z.literal('shared-secret'),
  ...common,
  header: headerNameSchema,
  /** Text before the secret, e.g. `Bearer ` for an `Authorization` header. */
  prefix: z.string().min(1).max(64).optional(),
});

/**
 * A JWT the sender signs with the shared secret (HS256 only) and sends in `header` (monday.com: `Authorization`);
 * `exp` is required, `exp` and `nbf` are checked with `toleranceSeconds` of skew, an `aud` must name our URL.
 */
export const jwtVerificationSpecSchema = z.strictObject({
  scheme: z.literal('jwt'),
  ...common,
  header: headerNameSchema.default('Authorization'),
});

export const verificationSpecSchema = z
  .discriminatedUnion('scheme', [namedVerificationSchema, hmacVerificationSpecSchema, sharedSecretVerificationSpecSchema, jwtVerificationSpecSchema])
  .meta({ id: 'VerificationSpec' });
export type VerificationSpec = z.output<typeof verificationSpecSchema>;
