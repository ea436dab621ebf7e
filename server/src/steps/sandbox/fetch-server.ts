import { z } from 'zod';
import type { EgressClient, EgressResponse } from '../../egress/egress-client.js';
import { EgressError } from '../../egress/egress-error.js';
import { fetchLimitAnswer, maxFetchesPerRun, type FetchAnswer } from './sandbox-protocol.js';

/**
 * The egress call may outlive the run's deadline by this much, so at the deadline the worker's own timer
 * wins and the run reports a timeout, rather than the guest catching an egress timeout and carrying on.
 * The call is aborted anyway as soon as the execution ends.
 */
const deadlineSlackMs = 250;

const guestRequestSchema = z.strictObject({
  url: z.string(),
  method: z.string().regex(/^[A-Za-z]{1,16}$/, 'method must be a word such as GET or POST'),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  body: z.string().optional(),
});

function responseAnswer(response: EgressResponse): FetchAnswer {
  return { response: { status: response.status, url: response.url, headers: response.headers, body: response.body.toString('utf8') } };
}

function errorAnswer(error: unknown): FetchAnswer {
  if (error instanceof EgressError) return { error: { code: error.code, message: error.message } };
  // The egress client rejects only with EgressError; anything else is a bug, still reported to the code.
  return { error: { code: 'FETCH_FAILED', message: error instanceof Error ? error.message : String(error) } };
}

function parseRequest(json: string): z.output<typeof guestRequestSchema> {
  const parsed = guestRequestSchema.safeParse(JSON.parse(json));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
  throw new TypeError(`invalid fetch request: ${problems.join('; ')}`);
}

/**
 * The main thread's half of the guest's `fetch`, for one execution. It runs here rather than in the
 * worker because the egress guard (SSRF checks, connection pools) lives here, and because the request is
 * checked by code the guest's thread cannot have tampered with.
 */
export class FetchServer {
  private calls = 0;
  private readonly stop = new AbortController();

  constructor(private readonly egress: EgressClient) {}

  /** Answers one guest request (JSON text in, JSON text out); never rejects. */
  async serve(requestJson: string, deadline: number): Promise<string> {
    return JSON.stringify(await this.answer(requestJson, deadline));
  }

  private async answer(requestJson: string, deadline: number): Promise<FetchAnswer> {
    if (++this.calls > maxFetchesPerRun) return fetchLimitAnswer;
    let request: z.output<typeof guestRequestSchema>;
    try {
      request = parseRequest(requestJson);
    } catch (error) {
      return { error: { code: 'FETCH_INVALID_REQUEST', message: (error as Error).message } };
    }
    return this.egress
      .request({
        url: request.url,
        method: request.method.toUpperCase(),
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        ...(request.body !== undefined && { body: request.body }),
        timeoutMs: Math.max(1, deadline - Date.now() + deadlineSlackMs),
        signal: this.stop.signal,
      })
      .then(responseAnswer, errorAnswer);
  }

  /** Stops the calls still in flight: the execution they belong to has ended. */
  close(): void {
    this.stop.abort();
  }
}
