import { Pool } from 'undici';

export interface Delivery {
  body: unknown;
  headers?: Record<string, string>;
}

export interface DeliveryResult {
  index: number;
  /** HTTP status, or null when the request failed (connection refused, reset, …). */
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  error?: string;
  /** Date.now() when the answer (or the failure) arrived. */
  at: number;
}

export interface SendOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Called for every answer as it arrives (e.g. to kill the server after N acks). */
  onResult?: (result: DeliveryResult) => void;
  /** Per-request bound. */
  timeoutMs?: number;
}

export const isAck = (result: DeliveryResult): boolean => result.status !== null && result.status >= 200 && result.status < 300;

/**
 * POSTs each delivery as JSON to `baseUrl + path` with at most `concurrency` in flight, and returns one
 * result per delivery (in input order). Network failures are results, not exceptions: a sender whose
 * server died simply did not get its acknowledgement.
 */
export async function sendWebhooks(baseUrl: string, path: string, deliveries: Delivery[], options: SendOptions): Promise<DeliveryResult[]> {
  const pool = new Pool(baseUrl, { connections: options.concurrency, pipelining: 1 });
  const results: DeliveryResult[] = new Array(deliveries.length);
  let nextIndex = 0;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const lane = async () => {
    while (nextIndex < deliveries.length) {
      const index = nextIndex++;
      const delivery = deliveries[index]!;
      let result: DeliveryResult;
      try {
        const answer = await pool.request({
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', ...delivery.headers },
          body: typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const text = await answer.body.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* keep the text */
        }
        result = { index, status: answer.statusCode, headers: answer.headers, body, at: Date.now() };
      } catch (error) {
        const err = error as Error & { code?: string };
        result = { index, status: null, headers: {}, body: null, error: err.code ?? err.message, at: Date.now() };
      }
      results[index] = result;
      options.onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, deliveries.length) }, lane));
  } finally {
    await pool.destroy().catch(() => undefined);
  }
  return results;
}
