import { errors, jwtVerify, type JWTPayload } from 'jose';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type VerificationResult, type WebhookRequest, type WebhookVerifier } from './webhook-verifier.js';

const BEARER = /^bearer\s+/i;
const encoder = new TextEncoder();

/**
 * A JWT in a header (monday.com puts one in `Authorization`, signed with the app's signing secret): HS256 only
 * (jose refuses `alg: none` and every other algorithm), the signature compared in constant time by WebCrypto,
 * `exp` required, `exp` and `nbf` checked with `toleranceSeconds` of clock skew. An `aud` claim, when the token
 * has one, must name the URL the sender called (monday sets it to the endpoint). A `Bearer ` prefix is allowed.
 */
export const verifyJwt: WebhookVerifier<ConfigOf<'jwt'>> = async (config, request, now) => {
  const header = readHeader(request.headers, config.header);
  if (!header.ok) return refused(header.reason);
  const token = header.value.replace(BEARER, '');
  let reason = 'signature does not match';
  for (const secret of signingSecrets(config)) {
    const outcome = await verifyOne(token, secret, config.toleranceSeconds, now);
    if (outcome.ok) return audienceMatches(outcome.payload, request);
    // A token that is expired or malformed is so under every key: say why instead of "does not match".
    if (outcome.reason !== undefined) reason = outcome.reason;
  }
  return refused(reason);
};

async function verifyOne(
  token: string,
  secret: string,
  toleranceSeconds: number,
  now: number,
): Promise<{ ok: true; payload: JWTPayload } | { ok: false; reason?: string }> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      currentDate: new Date(now),
      clockTolerance: toleranceSeconds,
    });
    return { ok: true, payload };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false };
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'token expired' };
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `token claim ${error.claim} is not acceptable` };
    if (error instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: 'token is not signed with HS256' };
    return { ok: false, reason: 'token is not a signed JWT' };
  }
}

function audienceMatches(payload: JWTPayload, request: WebhookRequest): VerificationResult {
  if (payload.aud === undefined) return verified;
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const called = request.url.split('?')[0];
  return audiences.some((audience) => audience === request.url || audience === called) ? verified : refused('token audience is another URL');
}
