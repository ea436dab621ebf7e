import { createHmac } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwtVerificationSchema } from './verification-config.js';
import { verifyJwt } from './verify-jwt.js';

const config = jwtVerificationSchema.parse({ scheme: 'jwt', secret: 'signing-secret', previousSecrets: ['old-secret'] });
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = now / 1000;
const url = 'https://switchyard.example/hooks/tok';
const key = (secret: string) => new TextEncoder().encode(secret);
// monday.com's claims (developer.monday.com/apps/docs/authorization-header), signed as its apps are: HS256.
const claims = { accountId: 1825528, userId: 4012689, shortLivedToken: 'short-lived' };

function sign(secret = 'signing-secret', edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
  return edit(new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(seconds).setExpirationTime(seconds + 300)).sign(key(secret));
}

function verify(authorization: string | string[] | undefined, at = now) {
  return verifyJwt(config, { method: 'POST', url, headers: { authorization }, rawBody: Buffer.from('{}') }, at);
}

describe('verifyJwt', () => {
  it('accepts an HS256 token under the current and the previous secret, bare or after Bearer', async () => {
    expect(await verify(await sign())).toEqual({ ok: true });
    expect(await verify(`Bearer ${await sign()}`)).toEqual({ ok: true });
    expect(await verify(await sign('old-secret'))).toEqual({ ok: true });
  });

  it('refuses a wrong secret and a changed payload', async () => {
    expect(await verify(await sign('other'))).toEqual({ ok: false, reason: 'signature does not match' });
    const [header, , signature] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, userId: 1, exp: seconds + 300 })).toString('base64url');
    expect(await verify(`${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('checks exp and nbf with the tolerance, and requires exp', async () => {
    expect(await verify(await sign(), now + 599_000)).toEqual({ ok: true });
    expect(await verify(await sign(), now + 601_000)).toEqual({ ok: false, reason: 'token expired' });
    const early = await sign('signing-secret', (jwt) => jwt.setNotBefore(seconds + 301));
    expect(await verify(early)).toEqual({ ok: false, reason: 'token claim nbf is not acceptable' });
    const endless = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key('signing-secret'));
    expect(await verify(endless)).toEqual({ ok: false, reason: 'token claim exp is not acceptable' });
  });

  it('refuses alg none and other algorithms, whatever the secret', async () => {
    const unsecured = new UnsecuredJWT({ ...claims, exp: seconds + 300 }).encode();
    expect(await verify(unsecured)).toEqual({ ok: false, reason: 'token is not signed with HS256' });
    const hs512 = await new SignJWT({ ...claims, exp: seconds + 300 }).setProtectedHeader({ alg: 'HS512' }).sign(key('signing-secret'));
    expect(await verify(hs512)).toEqual({ ok: false, reason: 'token is not signed with HS256' });
    // A hand-made token claiming HS256 but MACed with SHA-1 does not verify.
    const head = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const body = Buffer.from(JSON.stringify({ exp: seconds + 300 })).toString('base64url');
    const sha1 = createHmac('sha1', 'signing-secret').update(`${head}.${body}`).digest('base64url');
    expect(await verify(`${head}.${body}.${sha1}`)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('requires an aud claim, when present, to name the URL called', async () => {
    expect(await verify(await sign('signing-secret', (jwt) => jwt.setAudience(url)))).toEqual({ ok: true });
    expect(await verify(await sign('signing-secret', (jwt) => jwt.setAudience('https://elsewhere.example/hook')))).toEqual({ ok: false, reason: 'token audience is another URL' });
  });

  it('refuses missing, duplicated and malformed headers with a reason', async () => {
    expect(await verify(undefined)).toEqual({ ok: false, reason: 'missing authorization header' });
    expect(await verify([await sign(), await sign()])).toEqual({ ok: false, reason: 'duplicated authorization header' });
    for (const junk of ['Bearer', 'a.b', 'a.b.c', '...', '\u0000'.repeat(20)]) expect(await verify(junk)).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});
