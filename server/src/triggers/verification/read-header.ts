import type { WebhookHeaders } from './webhook-verifier.js';

/** Longest header value we look at; anything longer is abuse, not a signature. */
export const MAX_HEADER_LENGTH = 8192;

export type HeaderRead = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Reads one header case-insensitively. A repeated header (an array, or the same name in two cases) is
 * refused rather than guessed at, as is an empty or oversized value.
 */
export function readHeader(headers: WebhookHeaders, name: string): HeaderRead {
  const wanted = name.toLowerCase();
  const values: (string | string[])[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined && key.toLowerCase() === wanted) values.push(value);
  }
  if (values.length === 0) return { ok: false, reason: `missing ${wanted} header` };
  const [value] = values;
  if (values.length > 1 || typeof value !== 'string') return { ok: false, reason: `duplicated ${wanted} header` };
  if (value.length > MAX_HEADER_LENGTH) return { ok: false, reason: `${wanted} header too long` };
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, reason: `empty ${wanted} header` };
  return { ok: true, value: trimmed };
}

/** Whether the header was sent at all, in any case and however many times. */
export function hasHeader(headers: WebhookHeaders, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.entries(headers).some(([key, value]) => value !== undefined && key.toLowerCase() === wanted);
}
