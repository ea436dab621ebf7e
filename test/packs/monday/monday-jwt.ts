import { createHmac } from 'node:crypto';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The JWT monday.com puts in `Authorization` on webhook requests (developer.monday.com/apps/docs/authorization-header):
 * HS256 over `header.payload` with the app's signing secret, claims accountId, userId, aud (the endpoint), exp and
 * iat. Written out here rather than with a JWT library, so the server's jose-based check meets an independent signer.
 */
export function mondayJwt(secret: string, claims: Record<string, unknown>, alg = 'HS256'): string {
  const signed = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const signature = alg === 'none' ? '' : createHmac('sha256', secret).update(signed).digest('base64url');
  return `${signed}.${signature}`;
}
