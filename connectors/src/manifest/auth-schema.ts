import { z } from 'zod';
import { fieldSchema } from './field-schema.js';
import { fieldKeySchema, headerNameSchema, pathSchema, templateSchema } from './names.js';
import { requestTemplateSchema } from './request-template-schema.js';

/**
 * Common to every kind: `fields` are what the user types when connecting (templates see them as
 * `{{connection.<key>}}`), and `test` is a request run when a connection is saved; a non-2xx answer refuses
 * the save with the vendor's message.
 */
const connectionBase = {
  fields: z.array(fieldSchema).default([]),
  test: requestTemplateSchema.optional(),
};

export const noAuthSchema = z.strictObject({ kind: z.literal('none') });

export const apiKeyAuthSchema = z.strictObject({
  kind: z.literal('api_key'),
  ...connectionBase,
  /** Where the key goes. */
  in: z.enum(['header', 'query']),
  /** Header or query parameter name, e.g. `X-API-Key` or `api_key`. */
  name: z.string().min(1).max(256),
  /** What is sent; default `{{connection.api_key}}` (a secret `api_key` field is added when `fields` has none). */
  value: templateSchema.default('{{connection.api_key}}'),
});

export const basicAuthSchema = z.strictObject({
  kind: z.literal('basic'),
  ...connectionBase,
  username: templateSchema.default('{{connection.username}}'),
  password: templateSchema.default('{{connection.password}}'),
});

export const bearerAuthSchema = z.strictObject({
  kind: z.literal('bearer'),
  ...connectionBase,
  token: templateSchema.default('{{connection.token}}'),
});

/** Anything else: the pack says which headers and query parameters carry the connection's fields. */
export const customAuthSchema = z.strictObject({
  kind: z.literal('custom'),
  ...connectionBase,
  headers: z.record(headerNameSchema, templateSchema).optional(),
  query: z.record(z.string().min(1).max(200), templateSchema).optional(),
});

export const oauth2AuthSchema = z.strictObject({
  kind: z.literal('oauth2'),
  ...connectionBase,
  grant: z.enum(['authorization_code', 'client_credentials']).default('authorization_code'),
  /** May template connection fields, e.g. `https://{{connection.subdomain}}.example.com/oauth/authorize`. */
  authorizationUrl: templateSchema.optional(),
  tokenUrl: templateSchema,
  scopes: z.array(z.string().min(1).max(500)).default([]),
  scopeSeparator: z.string().max(5).default(' '),
  /** PKCE with S256; on unless the vendor rejects it. */
  pkce: z.boolean().default(true),
  /** How the client id and secret reach the token endpoint (RFC 6749 §2.3.1). */
  clientAuth: z.enum(['basic', 'body']).default('basic'),
  /** Extra query parameters on the authorization URL, e.g. `{ "access_type": "offline", "prompt": "consent" }`. */
  authorizeParams: z.record(z.string().min(1).max(200), z.string().max(2000)).optional(),
  /**
   * Values kept on the connection after authorising, as connection fields: from the token response
   * (`{ "instance_url": "instance_url" }`, path into the JSON) or from the callback's query (`realmId`).
   */
  capture: z
    .strictObject({
      fromToken: z.record(fieldKeySchema, pathSchema).optional(),
      fromCallback: z.record(fieldKeySchema, z.string().min(1).max(200)).optional(),
    })
    .optional(),
  /**
   * The vendor also issues tokens by hand (a Slack bot token, a GitHub personal access token): a user may
   * paste one instead of connecting through OAuth. It is used as the access token and never refreshed; the
   * OAuth client fields are then optional. `label` and `description` say where to find such a token.
   */
  pasteToken: z.strictObject({ label: z.string().min(1).max(200), description: z.string().max(2000).optional() }).optional(),
  /**
   * The header that carries the access token as is, for vendors that do not read `Authorization: Bearer`
   * (Shopify's `X-Shopify-Access-Token`). Default: `Authorization: Bearer <token>`.
   */
  tokenHeader: headerNameSchema.optional(),
  /**
   * The provider signs its redirect back (Shopify): `param` carries the HMAC-SHA256, keyed by the client
   * secret, of the other query parameters sorted by name and form-encoded (`code=…&shop=…&state=…`). A
   * callback without a matching signature is refused before the code is exchanged.
   */
  callbackSignature: z.strictObject({ param: z.string().min(1).max(100), encoding: z.enum(['hex', 'base64']).default('hex') }).optional(),
});

export const authSchema = z.discriminatedUnion('kind', [
  noAuthSchema,
  apiKeyAuthSchema,
  basicAuthSchema,
  bearerAuthSchema,
  customAuthSchema,
  oauth2AuthSchema,
]);
export type Auth = z.output<typeof authSchema>;
export type AuthKind = Auth['kind'];
export type OAuth2Auth = z.output<typeof oauth2AuthSchema>;
