import type { EgressClient } from '../egress/egress-client.js';
import { EgressError } from '../egress/egress-error.js';

export interface TokenResponse {
  accessToken: string;
  refreshToken?: string | undefined;
  /** Seconds, as the server said; absent when it did not say. */
  expiresIn?: number | undefined;
  tokenType?: string | undefined;
  scope?: string | undefined;
  /** The whole answer, for `capture.fromToken`. */
  raw: Record<string, unknown>;
}

/**
 * A failed token request. `error` is the OAuth error code the server sent (RFC 6749 §5.2, e.g.
 * `invalid_grant`), or `unavailable` when the server could not be reached or failed on its side.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

export interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** RFC 6749 §2.3.1: HTTP Basic (the recommended default) or the client id and secret in the form body. */
  clientAuth: 'basic' | 'body';
  params: Record<string, string>;
  signal?: AbortSignal | undefined;
}

// §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded.
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

/** The token endpoint client: every call form-encoded, through the egress guard. */
export function createOAuth2Client(egress: EgressClient) {
  return {
    async requestToken(request: TokenRequest): Promise<TokenResponse> {
      const form = new URLSearchParams(request.params);
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      if (request.clientAuth === 'basic') {
        const credentials = `${formEncode(request.clientId)}:${formEncode(request.clientSecret ?? '')}`;
        headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
      } else {
        form.set('client_id', request.clientId);
        if (request.clientSecret !== undefined) form.set('client_secret', request.clientSecret);
      }
      const origin = URL.canParse(request.tokenUrl) ? new URL(request.tokenUrl).origin : 'the token endpoint';
      let response;
      try {
        response = await egress.request({ url: request.tokenUrl, method: 'POST', headers, body: form.toString(), timeoutMs: 30_000, maxRedirects: 0, signal: request.signal });
      } catch (error) {
        if (!(error instanceof EgressError)) throw error;
        throw new OAuthError('unavailable', `the token endpoint ${origin} could not be reached: ${error.message}`, error.retryable);
      }
      const body = parseBody(response.headers['content-type'], response.body.toString('utf8'));
      if (response.status >= 200 && response.status < 300 && typeof body?.['access_token'] === 'string') return toTokenResponse(body);
      if (typeof body?.['error'] === 'string') {
        const description = typeof body['error_description'] === 'string' ? `: ${body['error_description'].slice(0, 500)}` : '';
        throw new OAuthError(body['error'], `${origin} refused the token request (${body['error']}${description})`, false);
      }
      const passing = response.status === 429 || response.status >= 500;
      throw new OAuthError(passing ? 'unavailable' : 'invalid_response', `${origin} answered ${response.status} without an access token`, passing);
    },
  };
}

export type OAuth2Client = ReturnType<typeof createOAuth2Client>;

// Some providers (GitHub without Accept) answer form-encoded; everything else is JSON.
function parseBody(type: string | undefined, text: string): Record<string, unknown> | null {
  if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toTokenResponse(body: Record<string, unknown>): TokenResponse {
  const expiresIn = Number(body['expires_in']);
  const text = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? body[key] : undefined);
  return {
    accessToken: body['access_token'] as string,
    refreshToken: text('refresh_token'),
    expiresIn: body['expires_in'] !== undefined && Number.isFinite(expiresIn) && expiresIn >= 0 ? expiresIn : undefined,
    tokenType: text('token_type'),
    scope: text('scope'),
    raw: body,
  };
}
