import { oauth2AuthSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { applyAuth } from './apply-auth.js';
import type { RenderedRequest } from './render-request.js';

const oauth2 = (extra: Record<string, unknown> = {}) => oauth2AuthSchema.parse({ kind: 'oauth2', tokenUrl: 'https://vendor.example/token', ...extra });
const connection = { id: 'c1', packId: 'acme', fields: {}, accessToken: 'shpat_token' };
const request = (): RenderedRequest => ({ method: 'GET', url: new URL('https://vendor.example/x'), headers: {} });

describe('applyAuth for oauth2', () => {
  it('sends the access token as Authorization: Bearer by default', () => {
    const sent = request();
    applyAuth('Acme', oauth2(), connection, sent);
    expect(sent.headers).toEqual({ authorization: 'Bearer shpat_token' });
  });

  it('sends it as is in the tokenHeader the pack names, and no Authorization', () => {
    const sent = request();
    applyAuth('Acme', oauth2({ tokenHeader: 'X-Shopify-Access-Token' }), connection, sent);
    expect(sent.headers).toEqual({ 'x-shopify-access-token': 'shpat_token' });
  });
});
