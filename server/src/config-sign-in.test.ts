import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('sign-in providers from the environment', () => {
  it('turns on Google, GitHub and an OpenID Connect provider by their client ids, with overridable URLs', () => {
    const config = loadConfig({
      SWITCHYARD_GOOGLE_SIGNIN_CLIENT_ID: 'g-id',
      SWITCHYARD_GOOGLE_SIGNIN_CLIENT_SECRET: 'g-secret',
      SWITCHYARD_GITHUB_SIGNIN_CLIENT_ID: 'gh-id',
      SWITCHYARD_GITHUB_SIGNIN_CLIENT_SECRET: 'gh-secret',
      SWITCHYARD_GITHUB_SIGNIN_API_URL: 'http://127.0.0.1:9000/api/',
      SWITCHYARD_OIDC_ISSUER: 'https://login.example.com/realms/staff/',
      SWITCHYARD_OIDC_CLIENT_ID: 'o-id',
      SWITCHYARD_OIDC_CLIENT_SECRET: 'o-secret',
      SWITCHYARD_OIDC_NAME: 'Staff SSO',
    });
    expect(config.signInProviders).toEqual([
      { id: 'google', kind: 'google', name: 'Google', issuer: 'https://accounts.google.com', webUrl: null, apiUrl: null, clientId: 'g-id', clientSecret: 'g-secret' },
      { id: 'github', kind: 'github', name: 'GitHub', issuer: null, webUrl: 'https://github.com', apiUrl: 'http://127.0.0.1:9000/api', clientId: 'gh-id', clientSecret: 'gh-secret' },
      { id: 'oidc', kind: 'oidc', name: 'Staff SSO', issuer: 'https://login.example.com/realms/staff', webUrl: null, apiUrl: null, clientId: 'o-id', clientSecret: 'o-secret' },
    ]);
    expect(loadConfig({}).signInProviders).toEqual([]);
  });

  it('names the missing half of a provider', () => {
    expect(() => loadConfig({ SWITCHYARD_GOOGLE_SIGNIN_CLIENT_ID: 'g-id' })).toThrow('SWITCHYARD_GOOGLE_SIGNIN_CLIENT_SECRET: required');
    expect(() => loadConfig({ SWITCHYARD_OIDC_CLIENT_ID: 'o-id', SWITCHYARD_OIDC_CLIENT_SECRET: 's' })).toThrow('SWITCHYARD_OIDC_ISSUER: required');
    expect(() => loadConfig({ SWITCHYARD_OIDC_ISSUER: 'ftp://x' })).toThrow('SWITCHYARD_OIDC_ISSUER');
  });
});
