import { z } from 'zod';
import { standardWebhooksKey } from './standard-webhooks-key.js';

// RFC 9110 token characters, so a configured name can actually appear on the wire.
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name')
  .max(256);

const toleranceSeconds = z.number().int().min(1).max(86_400).default(300);

export const hmacVerificationSchema = z
  .object({
    scheme: z.literal('hmac'),
    secret: z.string().min(1),
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

export const standardWebhooksVerificationSchema = z.object({
  scheme: z.literal('standard-webhooks'),
  /** `whsec_` followed by the base64 key, as Standard Webhooks senders show it. */
  secret: z
    .string()
    .refine((secret) => standardWebhooksKey(secret) !== null, 'must be "whsec_" followed by a base64 key'),
  toleranceSeconds,
});

export const verificationConfigSchema = z.discriminatedUnion('scheme', [
  hmacVerificationSchema,
  standardWebhooksVerificationSchema,
]);

export type HmacVerificationConfig = z.output<typeof hmacVerificationSchema>;
export type StandardWebhooksVerificationConfig = z.output<typeof standardWebhooksVerificationSchema>;
export type VerificationConfig = z.output<typeof verificationConfigSchema>;
export type VerificationScheme = VerificationConfig['scheme'];
