import { z } from 'zod';
import { classifyStatus } from '../egress/classify-response.js';
import { parseRetryAfter } from '../egress/retry-after.js';
import { decodeResponseBody } from '../egress/decode-response-body.js';
import { defineStep } from './define-step.js';
import { StepError } from './step-error.js';

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const httpInputSchema = z
  .strictObject({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    url: z.string().url('url must be an absolute http(s) URL'),
    headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    json: z.unknown().optional(),
    body: z.string().optional(),
    form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    /** Send the step's stable key as `Idempotency-Key` on methods that change things. */
    idempotency: z.boolean().default(true),
    /** Treat 4xx/5xx answers as step failures (retrying the retryable ones). */
    failOnError: z.boolean().default(true),
  })
  .refine((input) => [input.json, input.body, input.form].filter((b) => b !== undefined).length <= 1, {
    message: 'give at most one of json, body and form',
  });

/** The body as sent: JSON, form-urlencoded or raw text, each with its content type unless a header names one. */
function encodeBody(input: z.output<typeof httpInputSchema>, headers: Record<string, string>): string | undefined {
  if (input.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(input.json);
  }
  if (input.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return new URLSearchParams(Object.entries(input.form).map(([k, v]): [string, string] => [k, String(v)])).toString();
  }
  if (input.body !== undefined) headers['content-type'] ??= 'text/plain; charset=utf-8';
  return input.body;
}

export const httpStep = defineStep({
  key: 'core/http',
  title: 'HTTP request',
  description: 'Call any HTTP API. Retries connection errors, timeouts, 408, 429 and 5xx, honouring Retry-After.',
  sideEffect: true,
  input: httpInputSchema,
  async run(input, ctx) {
    const url = new URL(input.url);
    for (const [key, value] of Object.entries(input.query)) if (value !== null) url.searchParams.append(key, String(value));
    const headers = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const body = encodeBody(input, headers);
    if (input.idempotency && methodsWithBody.has(input.method)) headers['idempotency-key'] ??= ctx.idempotencyKey;
    const response = await ctx.egress.request({
      method: input.method,
      url: url.toString(),
      headers,
      ...(body !== undefined && { body }),
      timeoutMs: input.timeoutMs,
      signal: ctx.signal,
    });
    const output = { status: response.status, headers: response.headers, body: decodeResponseBody(response.body, response.headers['content-type']) };
    const verdict = classifyStatus(response.status);
    if (verdict === 'ok' || !input.failOnError) return { kind: 'done', output };
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], ctx.now()) ?? undefined;
    const excerpt = typeof output.body === 'string' ? output.body.slice(0, 300) : JSON.stringify(output.body).slice(0, 300);
    throw new StepError(`HTTP_${response.status}`, `${input.method} ${url.host}${url.pathname} answered ${response.status}: ${excerpt}`, {
      retryable: verdict === 'retryable',
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      details: output,
    });
  },
});
