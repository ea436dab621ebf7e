import type { SignInProviderInput, SignInProviderKind, SignInProviderView } from '@switchyard/server/contracts';

export interface ProviderFormValues {
  id: string;
  kind: SignInProviderKind;
  name: string;
  issuer: string;
  webUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  enabled: boolean;
}

export function formValuesOf(provider: SignInProviderView | null): ProviderFormValues {
  return {
    id: provider?.id ?? '',
    kind: provider?.kind ?? 'google',
    name: provider?.name ?? '',
    issuer: provider?.kind === 'google' && provider.issuer === 'https://accounts.google.com' ? '' : (provider?.issuer ?? ''),
    webUrl: provider?.webUrl ?? '',
    apiUrl: provider?.apiUrl ?? '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    enabled: provider?.enabled ?? true,
  };
}

/** The id a new provider gets when none is typed: google, github, or one from its name ("Okta SSO" → okta-sso). */
export function suggestedId(values: Pick<ProviderFormValues, 'kind' | 'name'>): string {
  if (values.kind !== 'oidc') return values.kind;
  return values.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'oidc';
}

/** The PUT body: blank fields are left out (the server's defaults apply), a blank secret keeps the stored one. */
export function providerInputOf(values: ProviderFormValues): SignInProviderInput {
  const name = values.name.trim();
  const issuer = values.issuer.trim();
  const webUrl = values.webUrl.trim();
  const apiUrl = values.apiUrl.trim();
  const github = values.kind === 'github';
  return {
    kind: values.kind,
    clientId: values.clientId.trim(),
    enabled: values.enabled,
    ...(name ? { name } : {}),
    ...(!github && issuer ? { issuer } : {}),
    ...(github && webUrl ? { webUrl } : {}),
    ...(github && apiUrl ? { apiUrl } : {}),
    ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
  };
}
