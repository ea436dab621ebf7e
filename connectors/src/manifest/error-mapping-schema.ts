import { z } from 'zod';
import { pathSchema, templateSchema } from './names.js';

/**
 * Turns a vendor's error body into a sentence a user understands. `message` and `code` are paths into the
 * JSON error body (`error.message`); `byCode` (by the vendor's code read at `code`) and then `byStatus` (by
 * HTTP status) override with a template that sees `{{status}}` and `{{body}}`.
 *
 * `failWhen` is for vendors that report failures inside a 2xx answer (Slack: HTTP 200 with
 * `{ "ok": false, "error": "channel_not_found" }`): such an answer fails the call like an error status,
 * with the same message mapping, and is not retried. `unauthorizedCodes` names the codes among them that mean
 * "reconnect".
 */
const failRuleSchema = z
  .strictObject({
    path: pathSchema.min(1),
    equals: z.union([z.string().max(200), z.number(), z.boolean(), z.null()]).optional(),
    present: z.literal(true).optional(),
  })
  .refine((rule) => (rule.equals === undefined) !== (rule.present === undefined), 'give either equals or present: true');
export type FailRule = z.output<typeof failRuleSchema>;

export const errorMappingSchema = z.strictObject({
  message: pathSchema.optional(),
  code: pathSchema.optional(),
  byCode: z.record(z.string().min(1).max(200), templateSchema).optional(),
  byStatus: z.record(z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status such as 404'), templateSchema).optional(),
  /**
   * A 2xx answer is a failure when the body's value at `path` equals `equals` (`{ path: ok, equals: false }`),
   * or, with `present: true`, when the path holds anything but null (GraphQL's `errors[0]`). A list fails
   * the answer when any of its rules does.
   */
  failWhen: z.union([failRuleSchema, z.array(failRuleSchema).min(1).max(10)]).optional(),
  /**
   * Vendor codes (read at `code`) that mean the credentials were refused although the status is not 401
   * (Slack's `invalid_auth`, `token_revoked`): handled like a 401, so the token is refreshed once and then
   * the connection is marked as needing to be reconnected.
   */
  unauthorizedCodes: z.array(z.string().min(1).max(200)).max(50).optional(),
  /**
   * Vendor codes (read at `code`) that mean "not now, try again" although the status does not say so
   * (GraphQL's `THROTTLED` inside an HTTP 200): the failure is retried like a 429.
   */
  retryCodes: z.array(z.string().min(1).max(200)).max(50).optional(),
}).meta({ id: 'ErrorMapping' });
export type ErrorMapping = z.output<typeof errorMappingSchema>;
