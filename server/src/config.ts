import { z } from 'zod';
import type { SignInProvider } from './security/sign-in-provider.js';

const port = z.coerce.number().int().min(0).max(65_535);
const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

/** Every setting, from the environment (and CLI flags, which the CLI copies into the same names). */
export const configSchema = z.object({
  SWITCHYARD_PORT: port.default(3000),
  SWITCHYARD_HOST: z.string().default('127.0.0.1'),
  SWITCHYARD_DATA_DIR: z.string().default('./data'),
  SWITCHYARD_DATABASE_URL: z.string().optional(),
  SWITCHYARD_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  SWITCHYARD_ENCRYPTION_KEY: z.string().optional(),
  SWITCHYARD_PUBLIC_URL: z.string().url().optional(),
  SWITCHYARD_EGRESS_ALLOW: z.string().default(''),
  SWITCHYARD_NPM_REGISTRY: z.url({ protocol: /^https?$/ }).default('https://registry.npmjs.org'),
  SWITCHYARD_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  SWITCHYARD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWITCHYARD_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  SWITCHYARD_STEP_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
  SWITCHYARD_RUN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(86_400_000),
  SWITCHYARD_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  SWITCHYARD_RETENTION_DAYS: z.coerce.number().min(0.001).default(30),
  SWITCHYARD_MAX_DB_MB: z.coerce.number().min(0).default(0),
  SWITCHYARD_AUDIT_RETENTION_DAYS: z.coerce.number().min(1).default(365),
  SWITCHYARD_HOUSEKEEPING_INTERVAL_MS: z.coerce.number().int().min(1000).default(600_000),
  SWITCHYARD_HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  // 0 would disable Node's cut-off for slow senders, so it is not accepted.
  SWITCHYARD_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  SWITCHYARD_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  // Sign-in providers; a provider is on when its client id is set. The URLs are overridable so tests can use fakes.
  SWITCHYARD_GOOGLE_SIGNIN_CLIENT_ID: z.string().optional(),
  SWITCHYARD_GOOGLE_SIGNIN_CLIENT_SECRET: z.string().optional(),
  SWITCHYARD_GOOGLE_SIGNIN_ISSUER: httpUrl.default('https://accounts.google.com'),
  SWITCHYARD_GITHUB_SIGNIN_CLIENT_ID: z.string().optional(),
  SWITCHYARD_GITHUB_SIGNIN_CLIENT_SECRET: z.string().optional(),
  SWITCHYARD_GITHUB_SIGNIN_WEB_URL: httpUrl.default('https://github.com'),
  SWITCHYARD_GITHUB_SIGNIN_API_URL: httpUrl.default('https://api.github.com'),
  SWITCHYARD_OIDC_ISSUER: httpUrl.optional(),
  SWITCHYARD_OIDC_CLIENT_ID: z.string().optional(),
  SWITCHYARD_OIDC_CLIENT_SECRET: z.string().optional(),
  SWITCHYARD_OIDC_NAME: z.string().min(1).max(60).default('Single sign-on'),
});

/** A sign-in provider set by environment variables (id google, github or oidc); the owner cannot change it in settings. */
export type EnvSignInProvider = SignInProvider;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  dbPool: number;
  encryptionKey: string | undefined;
  publicUrl: string;
  egressAllow: string[];
  /** Where `packs add npm:<name>` looks packages up. */
  npmRegistry: string;
  workerConcurrency: number;
  logLevel: z.output<typeof configSchema>['SWITCHYARD_LOG_LEVEL'];
  shutdownGraceMs: number;
  stepTimeoutMs: number;
  runTimeoutMs: number;
  leaseMs: number;
  retentionDays: number;
  maxDatabaseBytes: number;
  /** Audit log entries older than this are deleted by housekeeping. */
  auditRetentionDays: number;
  housekeepingIntervalMs: number;
  /** How often the scheduler leader checks integration health and raises alerts. */
  healthCheckIntervalMs: number;
  /** Time a client has to send the request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request (headers and body). */
  requestTimeoutMs: number;
  /** Sign-in providers from the environment (the owner adds more in settings). */
  signInProviders: EnvSignInProvider[];
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = e.SWITCHYARD_DATA_DIR;
  return {
    port: e.SWITCHYARD_PORT,
    host: e.SWITCHYARD_HOST,
    dataDir,
    databaseUrl: e.SWITCHYARD_DATABASE_URL ?? `${dataDir}/switchyard.db`,
    dbPool: e.SWITCHYARD_DB_POOL,
    encryptionKey: e.SWITCHYARD_ENCRYPTION_KEY,
    publicUrl: (e.SWITCHYARD_PUBLIC_URL ?? `http://${e.SWITCHYARD_HOST.includes(':') ? `[${e.SWITCHYARD_HOST}]` : e.SWITCHYARD_HOST}:${e.SWITCHYARD_PORT}`).replace(/\/$/, ''),
    egressAllow: e.SWITCHYARD_EGRESS_ALLOW.split(',').map((s) => s.trim()).filter(Boolean),
    npmRegistry: e.SWITCHYARD_NPM_REGISTRY.replace(/\/+$/, ''),
    workerConcurrency: e.SWITCHYARD_WORKER_CONCURRENCY,
    logLevel: e.SWITCHYARD_LOG_LEVEL,
    shutdownGraceMs: e.SWITCHYARD_SHUTDOWN_GRACE_MS,
    stepTimeoutMs: e.SWITCHYARD_STEP_TIMEOUT_MS,
    runTimeoutMs: e.SWITCHYARD_RUN_TIMEOUT_MS,
    leaseMs: e.SWITCHYARD_LEASE_MS,
    retentionDays: e.SWITCHYARD_RETENTION_DAYS,
    maxDatabaseBytes: Math.round(e.SWITCHYARD_MAX_DB_MB * 1024 * 1024),
    auditRetentionDays: e.SWITCHYARD_AUDIT_RETENTION_DAYS,
    housekeepingIntervalMs: e.SWITCHYARD_HOUSEKEEPING_INTERVAL_MS,
    healthCheckIntervalMs: e.SWITCHYARD_HEALTH_CHECK_INTERVAL_MS,
    // Node refuses headersTimeout > requestTimeout; the request deadline covers the headers anyway,
    // so capping keeps a lone SWITCHYARD_REQUEST_TIMEOUT_MS below 10 s valid without changing behaviour.
    headersTimeoutMs: Math.min(e.SWITCHYARD_HEADERS_TIMEOUT_MS, e.SWITCHYARD_REQUEST_TIMEOUT_MS),
    requestTimeoutMs: e.SWITCHYARD_REQUEST_TIMEOUT_MS,
    signInProviders: envSignInProviders(e),
  };
}

function envSignInProviders(e: z.output<typeof configSchema>): EnvSignInProvider[] {
  const secretOf = (name: string, value: string | undefined) => {
    if (!value) throw new Error(`invalid configuration:\n  ${name}: required when the matching _CLIENT_ID is set`);
    return value;
  };
  const providers: EnvSignInProvider[] = [];
  if (e.SWITCHYARD_GOOGLE_SIGNIN_CLIENT_ID) {
    const clientSecret = secretOf('SWITCHYARD_GOOGLE_SIGNIN_CLIENT_SECRET', e.SWITCHYARD_GOOGLE_SIGNIN_CLIENT_SECRET);
    providers.push({ id: 'google', kind: 'google', name: 'Google', issuer: e.SWITCHYARD_GOOGLE_SIGNIN_ISSUER, webUrl: null, apiUrl: null, clientId: e.SWITCHYARD_GOOGLE_SIGNIN_CLIENT_ID, clientSecret });
  }
  if (e.SWITCHYARD_GITHUB_SIGNIN_CLIENT_ID) {
    const clientSecret = secretOf('SWITCHYARD_GITHUB_SIGNIN_CLIENT_SECRET', e.SWITCHYARD_GITHUB_SIGNIN_CLIENT_SECRET);
    const { SWITCHYARD_GITHUB_SIGNIN_WEB_URL: webUrl, SWITCHYARD_GITHUB_SIGNIN_API_URL: apiUrl } = e;
    providers.push({ id: 'github', kind: 'github', name: 'GitHub', issuer: null, webUrl, apiUrl, clientId: e.SWITCHYARD_GITHUB_SIGNIN_CLIENT_ID, clientSecret });
  }
  if (e.SWITCHYARD_OIDC_CLIENT_ID || e.SWITCHYARD_OIDC_ISSUER) {
    if (!e.SWITCHYARD_OIDC_ISSUER) throw new Error('invalid configuration:\n  SWITCHYARD_OIDC_ISSUER: required when SWITCHYARD_OIDC_CLIENT_ID is set');
    if (!e.SWITCHYARD_OIDC_CLIENT_ID) throw new Error('invalid configuration:\n  SWITCHYARD_OIDC_CLIENT_ID: required when SWITCHYARD_OIDC_ISSUER is set');
    const clientSecret = secretOf('SWITCHYARD_OIDC_CLIENT_SECRET', e.SWITCHYARD_OIDC_CLIENT_SECRET);
    providers.push({ id: 'oidc', kind: 'oidc', name: e.SWITCHYARD_OIDC_NAME, issuer: e.SWITCHYARD_OIDC_ISSUER, webUrl: null, apiUrl: null, clientId: e.SWITCHYARD_OIDC_CLIENT_ID, clientSecret });
  }
  return providers;
}
