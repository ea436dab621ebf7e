import type { Readable } from 'node:stream';
import { EgressError } from './egress-error.js';

/**
 * Buffers a response body, destroying the stream (and with it the connection) as soon as it is
 * known to exceed `limit`, so an endless or huge body costs at most `limit` bytes of memory.
 */
export async function readCappedBody(
  body: Readable,
  options: { limit: number; declaredLength: string | undefined; origin: string },
): Promise<Buffer> {
  const tooLarge = () =>
    new EgressError('EGRESS_RESPONSE_TOO_LARGE', `response from ${options.origin} exceeds ${options.limit} bytes`);
  if (options.declaredLength !== undefined && Number(options.declaredLength) > options.limit) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
