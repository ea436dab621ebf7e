export type CappedBody = { ok: true; body: Buffer } | { ok: false };

/**
 * Reads a request body but stops at `limit` bytes, whatever Content-Length claimed: chunked bodies
 * and lying lengths are cut off at the limit instead of being buffered.
 */
export async function readCappedBody(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<CappedBody> {
  if (!stream) return { ok: true, body: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancelled: the HTTP server drains (and discards) the rest briefly, so the sender reads our 413
      // instead of a connection reset that it would answer by sending everything again.
      reader.releaseLock();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks, size) };
}
