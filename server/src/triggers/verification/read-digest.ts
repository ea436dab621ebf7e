import { decodeStrict, encodedLength, type SignatureEncoding } from './decode-strict.js';
import { readHeader } from './read-header.js';
import type { WebhookHeaders } from './webhook-verifier.js';

export type DigestAlgorithm = 'sha1' | 'sha256' | 'sha512';

const DIGEST_BYTES: Record<DigestAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

export interface DigestFormat {
  algorithm: DigestAlgorithm;
  encoding: SignatureEncoding;
  /** Text before the digest, e.g. `sha256=`. */
  prefix?: string | undefined;
}

export type DigestRead = { ok: true; digest: Buffer } | { ok: false; reason: string };

/** Decodes one digest of exactly the algorithm's length, or null: a wrong length never reaches the comparison. */
export function parseDigest(encoded: string, format: DigestFormat): Buffer | null {
  const length = encodedLength(DIGEST_BYTES[format.algorithm], format.encoding);
  return encoded.length === length ? decodeStrict(encoded, format.encoding) : null;
}

/** Reads a header holding one signature (optionally prefixed) and decodes it strictly. */
export function readDigest(headers: WebhookHeaders, name: string, format: DigestFormat): DigestRead {
  const header = readHeader(headers, name);
  if (!header.ok) return header;
  const prefix = format.prefix ?? '';
  if (!header.value.startsWith(prefix)) return { ok: false, reason: `signature does not start with "${prefix}"` };
  const digest = parseDigest(header.value.slice(prefix.length), format);
  if (digest === null) return { ok: false, reason: `signature is not a ${format.algorithm} digest in ${format.encoding}` };
  return { ok: true, digest };
}
