import { describe, expect, it } from 'vitest';
import { verificationConfigSchema } from './verification-config.js';

function issues(input: unknown) {
  const result = verificationConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('/'), message: issue.message }));
}

describe('verificationConfigSchema', () => {
  it('fills the hmac defaults', () => {
    expect(verificationConfigSchema.parse({ scheme: 'hmac', secret: 's', header: 'x-signature' })).toEqual({
      scheme: 'hmac',
      secret: 's',
      header: 'x-signature',
      algorithm: 'sha256',
      encoding: 'hex',
      toleranceSeconds: 300,
      signedPayload: 'body',
    });
  });

  it('requires a timestamp header when the timestamp is signed', () => {
    expect(issues({ scheme: 'hmac', secret: 's', header: 'x-sig', signedPayload: 'timestamp.body' })).toEqual([
      { path: 'timestampHeader', message: 'required when signedPayload is "timestamp.body"' },
    ]);
  });

  it('rejects bad header names, algorithms and secrets at their paths', () => {
    expect(issues({ scheme: 'hmac', secret: 's', header: 'x sig', algorithm: 'md5' }).map((issue) => issue.path)).toEqual([
      'header',
      'algorithm',
    ]);
    expect(issues({ scheme: 'standard-webhooks', secret: 'whsec_not base64!' })).toEqual([
      { path: 'secret', message: 'must be "whsec_" followed by a base64 key' },
    ]);
    expect(issues({ scheme: 'standard-webhooks', secret: 'whsec_' })).toHaveLength(1);
    expect(issues({ scheme: 'nope' }).map((issue) => issue.path)).toEqual(['scheme']);
  });

  it('applies the standard-webhooks tolerance default', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(verificationConfigSchema.parse({ scheme: 'standard-webhooks', secret })).toEqual({
      scheme: 'standard-webhooks',
      secret,
      toleranceSeconds: 300,
    });
  });
});

describe('verificationConfigSchema for named schemes', () => {
  const named = ['stripe', 'github', 'slack', 'shopify', 'hubspot-v3', 'intercom', 'sentry', 'twilio'] as const;

  it('accepts every scheme a pack may name, with the tolerance default', () => {
    for (const scheme of named) {
      expect(verificationConfigSchema.parse({ scheme, secret: 's' })).toEqual({ scheme, secret: 's', toleranceSeconds: 300 });
    }
  });

  it('takes up to five previous secrets for rotation', () => {
    const previousSecrets = ['a', 'b', 'c', 'd', 'e'];
    expect(verificationConfigSchema.parse({ scheme: 'github', secret: 's', previousSecrets })).toMatchObject({ previousSecrets });
    expect(issues({ scheme: 'github', secret: 's', previousSecrets: [...previousSecrets, 'f'] })).toEqual([
      { path: 'previousSecrets', message: expect.stringContaining('5') },
    ]);
    expect(issues({ scheme: 'slack', secret: 's', previousSecrets: [''] }).map((issue) => issue.path)).toEqual(['previousSecrets/0']);
    expect(issues({ scheme: 'hmac', secret: 's', header: 'x-sig', previousSecrets: 'old' }).map((issue) => issue.path)).toEqual([
      'previousSecrets',
    ]);
  });

  it('keeps configs stored before rotation existed valid', () => {
    expect(verificationConfigSchema.parse({ scheme: 'hmac', secret: 's', header: 'x-sig' })).not.toHaveProperty('previousSecrets');
    expect(issues({ scheme: 'stripe' }).map((issue) => issue.path)).toEqual(['secret']);
  });
});
