/** How a pack signs in, in words. */
export const authLabels: Record<string, string> = {
  none: 'No account',
  api_key: 'API key',
  basic: 'Username & password',
  bearer: 'Token',
  oauth2: 'OAuth2',
  custom: 'Custom',
};
