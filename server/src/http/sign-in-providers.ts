import type { SecretBox } from '../connections/secret-box.js';
import type { AppDeps } from './app-deps.js';
import type { Problem } from '../contracts/problem.js';
import { signInProviderKinds, type SignInProviderInput, type SignInProviderView } from '../contracts/sign-in.js';
import { isLoopbackHttp, type SignInProvider } from '../security/sign-in-provider.js';
import type { Database } from '../storage/database.js';
import { signInProviderRepo } from '../storage/sign-in-provider-repo.js';
import type { SignInProviderRow } from '../storage/tables.js';

export interface SignInProvidersDeps {
  database: Database;
  box: SecretBox;
  publicUrl: string;
  /** From the environment: listed first, read-only. */
  fromEnv: SignInProvider[];
}

const defaults = {
  google: { name: 'Google', issuer: 'https://accounts.google.com', webUrl: null, apiUrl: null },
  github: { name: 'GitHub', issuer: null, webUrl: 'https://github.com', apiUrl: 'https://api.github.com' },
  oidc: { name: 'Single sign-on', issuer: null, webUrl: null, apiUrl: null },
} as const;

export type SaveResult = { ok: true; view: SignInProviderView } | { ok: false; status: 409 | 422; code: string; message: string; problems?: Problem[] };

/** The sealed secret is bound to its provider id, so it cannot be copied to another row. */
const secretContext = (id: string) => `sign-in-provider:${id}`;
const trimmed = (url: string | undefined) => url?.replace(/\/+$/, '');

/** A stored provider without its secret. */
function described(row: SignInProviderRow): Omit<SignInProvider, 'clientSecret'> {
  const kind = signInProviderKinds.find((known) => known === row.kind) ?? 'oidc';
  return { id: row.id, kind, name: row.name, issuer: row.issuer, webUrl: row.web_url, apiUrl: row.api_url, clientId: row.client_id };
}

/** Sign-in providers from the environment and from the owner's settings, one list. */
export function createSignInProviders(deps: SignInProvidersDeps) {
  const { database, box } = deps;
  const redirectUri = (id: string) => `${deps.publicUrl}/api/v1/auth/sign-in/${id}/callback`;

  const fromRow = (row: SignInProviderRow): SignInProvider => ({ ...described(row), clientSecret: box.open(row.client_secret, secretContext(row.id)) });

  const view = (provider: Omit<SignInProvider, 'clientSecret'>, source: 'env' | 'settings', enabled: boolean): SignInProviderView => ({
    id: provider.id,
    kind: provider.kind,
    name: provider.name,
    source,
    enabled,
    issuer: provider.issuer,
    webUrl: provider.webUrl,
    apiUrl: provider.apiUrl,
    clientId: provider.clientId,
    clientSecretSet: true,
    redirectUri: redirectUri(provider.id),
  });

  const isEnv = (id: string) => deps.fromEnv.some((provider) => provider.id === id);

  return {
    redirectUri,

    /** Every provider a person can sign in with, environment first. */
    async enabled(): Promise<SignInProvider[]> {
      const rows = await signInProviderRepo.list(database.db);
      return [...deps.fromEnv, ...rows.filter((row) => row.enabled === 1 && !isEnv(row.id)).map(fromRow)];
    },

    async find(id: string): Promise<SignInProvider | undefined> {
      const env = deps.fromEnv.find((provider) => provider.id === id);
      if (env) return env;
      const row = await signInProviderRepo.byId(database.db, id);
      return row && row.enabled === 1 ? fromRow(row) : undefined;
    },

    async views(): Promise<SignInProviderView[]> {
      const rows = await signInProviderRepo.list(database.db);
      const stored = rows
        .filter((row) => !isEnv(row.id))
        .map((row) => view(described(row), 'settings', row.enabled === 1));
      return [...deps.fromEnv.map((provider) => view(provider, 'env', true)), ...stored];
    },

    /** Creates or replaces a provider from settings; an omitted secret keeps the stored one. */
    async save(id: string, input: SignInProviderInput, now: number): Promise<SaveResult> {
      if (isEnv(id)) return { ok: false, status: 409, code: 'PROVIDER_FROM_ENV', message: `provider ${id} is set by environment variables; change it there` };
      const base = defaults[input.kind];
      const issuer = trimmed(input.issuer) ?? base.issuer;
      const problems: Problem[] = [];
      if (input.kind !== 'github' && !issuer) problems.push({ path: '/issuer', message: 'an OpenID Connect provider needs its issuer URL' });
      for (const [field, url] of [['issuer', input.issuer], ['webUrl', input.webUrl], ['apiUrl', input.apiUrl]] as const) {
        if (url && !url.startsWith('https:') && !isLoopbackHttp(url)) problems.push({ path: `/${field}`, message: 'must be https (plain http only on this machine: 127.0.0.1, localhost)' });
      }
      const existing = await signInProviderRepo.byId(database.db, id);
      if (!input.clientSecret && !existing) problems.push({ path: '/clientSecret', message: 'required for a new provider' });
      if (problems.length > 0) return { ok: false, status: 422, code: 'VALIDATION_FAILED', message: `${problems[0]!.path}: ${problems[0]!.message}`, problems };
      const row: SignInProviderRow = {
        id,
        kind: input.kind,
        name: input.name ?? base.name,
        issuer: input.kind === 'github' ? null : (issuer ?? null),
        web_url: input.kind === 'github' ? (trimmed(input.webUrl) ?? base.webUrl) : null,
        api_url: input.kind === 'github' ? (trimmed(input.apiUrl) ?? base.apiUrl) : null,
        client_id: input.clientId,
        client_secret: input.clientSecret ? box.seal(input.clientSecret, secretContext(id)) : existing!.client_secret,
        enabled: input.enabled === false ? 0 : 1,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      };
      await signInProviderRepo.save(database.db, row);
      return { ok: true, view: view(described(row), 'settings', row.enabled === 1) };
    },

    async remove(id: string): Promise<boolean> {
      return signInProviderRepo.remove(database.db, id);
    },
  };
}

export type SignInProviders = ReturnType<typeof createSignInProviders>;

/** The providers of a running app: the environment's and the owner's, secrets sealed with the connections' key. */
export function signInProvidersOf(deps: AppDeps): SignInProviders {
  return createSignInProviders({ database: deps.database, box: deps.connections.box, publicUrl: deps.publicUrl, fromEnv: deps.signInProviders });
}
