import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { twilioSignedParams } from './twilio-signed-params.js';
import { twilioUrlVariants } from './twilio-url-variants.js';
import { twilioVerificationSchema } from './verification-config.js';
import { verifyTwilio } from './verify-twilio.js';
import type { WebhookHeaders } from './webhook-verifier.js';

const token = 'auth-token';
const config = twilioVerificationSchema.parse({ scheme: 'twilio', secret: token, previousSecrets: ['old-token'] });
const url = "https://switchyard.example/hooks/tok?tag=it's&x=%20a+b";
const form = 'To=%2B15551234567&From=%2B15557654321&Body=Hello+w%C3%B6rld%21&MediaUrl=b&MediaUrl=a&MediaUrl=b&Empty=';
// The parameters as Express's urlencoded parser hands them to twilio-node: repeated names become arrays.
const params = { To: '+15551234567', From: '+15557654321', Body: 'Hello wörld!', MediaUrl: ['b', 'a', 'b'], Empty: '' };
const formType = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

function verify(headers: WebhookHeaders, target = url, payload = form) {
  return verifyTwilio(config, { method: 'POST', url: target, headers: { ...formType, ...headers }, rawBody: Buffer.from(payload) }, 0);
}

describe('verifyTwilio', () => {
  it('accepts form posts signed by twilio-node, repeated parameters included', () => {
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    expect(verify({ 'x-twilio-signature': signature })).toEqual({ ok: true });
    expect(twilio.validateRequest(token, signature, url, params)).toBe(true);
  });

  it('builds the parameter string exactly as twilio-node does', () => {
    const expected = twilio.getExpectedTwilioSignature(token, '', params);
    const ours = twilio.getExpectedTwilioSignature(token, twilioSignedParams(form), {});
    expect(ours).toBe(expected);
    expect(twilioSignedParams('b=2&a=1&B=3&a=0')).toBe('B3a0a1b2');
  });

  it('accepts the URL with and without the default port, like validateRequest', () => {
    const withPort = url.replace('.example/', '.example:443/');
    expect(twilioUrlVariants(url)).toEqual([url, withPort]);
    expect(twilioUrlVariants('http://[::1]:8080/h?q=1')).toEqual(['http://[::1]/h?q=1', 'http://[::1]:8080/h?q=1']);
    const signedWithPort = twilio.getExpectedTwilioSignature(token, withPort, params);
    expect(verify({ 'x-twilio-signature': signedWithPort })).toEqual({ ok: true });
    expect(verify({ 'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params) }, withPort)).toEqual({ ok: true });
  });

  it('verifies JSON bodies through bodySHA256 in the URL', () => {
    const json = '{"ConversationSid":"CH1","Body":"hi"}';
    const jsonUrl = `https://switchyard.example/hooks/tok?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
    const signature = twilio.getExpectedTwilioSignature(token, jsonUrl, {});
    const headers = { 'x-twilio-signature': signature, 'content-type': 'application/json' };
    expect(verify(headers, jsonUrl, json)).toEqual({ ok: true });
    expect(twilio.validateRequestWithBody(token, signature, jsonUrl, json)).toBe(true);
    expect(verify(headers, jsonUrl, json.replace('hi', 'yo'))).toEqual({ ok: false, reason: 'bodySHA256 does not match the body' });
  });

  it('refuses a body the signature does not cover', () => {
    const signature = twilio.getExpectedTwilioSignature(token, url, {});
    expect(verify({ 'x-twilio-signature': signature, 'content-type': 'application/json' }, url, '{"a":1}')).toEqual({
      ok: false,
      reason: 'body is neither form-encoded nor covered by bodySHA256',
    });
    expect(verify({ 'x-twilio-signature': signature }, url, '')).toEqual({ ok: true });
  });

  it('refuses a tampered body or URL and a wrong token; accepts the previous token during rotation', () => {
    const mismatch = { ok: false, reason: 'signature does not match' };
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    expect(verify({ 'x-twilio-signature': signature }, url, form.replace('Hello', 'Bye'))).toEqual(mismatch);
    expect(verify({ 'x-twilio-signature': signature }, url.replace('tag=', 'tog='))).toEqual(mismatch);
    expect(verify({ 'x-twilio-signature': twilio.getExpectedTwilioSignature('wrong', url, params) })).toEqual(mismatch);
    expect(verify({ 'x-twilio-signature': twilio.getExpectedTwilioSignature('old-token', url, params) })).toEqual({ ok: true });
  });

  it('refuses malformed headers with a reason', () => {
    const good = twilio.getExpectedTwilioSignature(token, url, params);
    const cases: [string | string[] | undefined, string][] = [
      [undefined, 'missing x-twilio-signature header'],
      [[good, good], 'duplicated x-twilio-signature header'],
      [good.replace(/=$/, ''), 'signature is not a sha1 digest in base64'],
      [Buffer.from(good, 'base64').toString('hex'), 'signature is not a sha1 digest in base64'],
      [`${good.slice(0, 10)}\u00ff${good.slice(11)}`, 'signature is not a sha1 digest in base64'],
    ];
    for (const [signature, reason] of cases) expect(verify({ 'x-twilio-signature': signature })).toEqual({ ok: false, reason });
    expect(verify({ 'x-twilio-signature': good }, '/hooks/tok')).toEqual({ ok: false, reason: 'request URL is not absolute' });
  });
});
