export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface WebhookRequest {
  headers: WebhookHeaders;
  /** The body exactly as received: signatures are computed over these bytes, never over parsed JSON. */
  rawBody: Buffer;
}

export type VerificationResult = { ok: true } | { ok: false; reason: string };

/** One signature scheme. `now` is epoch ms. Implementations return failures rather than throw. */
export type WebhookVerifier<Config> = (config: Config, request: WebhookRequest, now: number) => VerificationResult;

export const verified: VerificationResult = Object.freeze({ ok: true });

export function refused(reason: string): VerificationResult {
  return { ok: false, reason };
}
