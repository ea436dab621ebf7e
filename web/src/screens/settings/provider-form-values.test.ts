import { describe, expect, it } from 'vitest';
import { formValuesOf, providerInputOf, suggestedId } from './provider-form-values';

describe('provider form values', () => {
  it('sends only what was typed: server defaults fill the rest, a blank secret keeps the stored one', () => {
    const values = { ...formValuesOf(null), kind: 'github' as const, clientId: ' Iv1.abc ', webUrl: '', apiUrl: 'https://ghe.example.com/api/v3', issuer: 'ignored' };
    expect(providerInputOf(values)).toEqual({ kind: 'github', clientId: 'Iv1.abc', enabled: true, apiUrl: 'https://ghe.example.com/api/v3' });
    expect(providerInputOf({ ...values, clientSecret: 's3cret' })).toMatchObject({ clientSecret: 's3cret' });
  });

  it('takes the issuer for OpenID Connect and suggests an id from the name', () => {
    const values = { ...formValuesOf(null), kind: 'oidc' as const, name: 'Okta SSO', issuer: 'https://corp.okta.com', clientId: 'x' };
    expect(providerInputOf(values)).toEqual({ kind: 'oidc', name: 'Okta SSO', issuer: 'https://corp.okta.com', clientId: 'x', enabled: true });
    expect(suggestedId(values)).toBe('okta-sso');
    expect(suggestedId({ kind: 'google', name: 'Anything' })).toBe('google');
    expect(suggestedId({ kind: 'oidc', name: '!!!' })).toBe('oidc');
  });

  it('shows Google’s default issuer as blank when editing', () => {
    const view = { id: 'google', kind: 'google' as const, name: 'Google', source: 'settings' as const, enabled: true, issuer: 'https://accounts.google.com', webUrl: null, apiUrl: null, clientId: 'c', clientSecretSet: true, redirectUri: 'u' };
    expect(formValuesOf(view)).toMatchObject({ id: 'google', issuer: '', clientSecret: '' });
  });
});
