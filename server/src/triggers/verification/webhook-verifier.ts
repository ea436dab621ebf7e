export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface WebhookRequest {
  /** As received, e.g. `POST`; HubSpot v3 signs it. */
  method: string;
  /**
   * The full public URL the sender called, query string included exactly as sent (Twilio and HubSpot v3
   * sign it): the configured public URL, the path, then the raw query.
   */
  url: string;
  headers: WebhookHeaders;
  /** The body exactly as received: signatures are computed over these bytes, never over parsed JSON. */
  rawBody: Buffer;
}

export type VerificationResult = { ok: true } | { ok: false; reason: string };

/**
 * One signature scheme. `now` is epoch ms. Implementations return failures rather than throw; most answer at
 * once, a scheme built on WebCrypto (JWT) answers with a promise.
 */
export type WebhookVerifier<Config> = (config: Config, request: WebhookRequest, now: number) => VerificationResult | Promise<VerificationResult>;

export const verified: VerificationResult = Object.freeze({ ok: true });

export function refused(reason: string): VerificationResult {
  return { ok: false, reason };
}
