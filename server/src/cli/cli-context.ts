import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { wire } from '../main.js';
import type { Principal } from '../security/principal.js';
import { userRepo } from '../storage/user-repo.js';
import { isRole } from '../security/roles.js';

export class CliError extends Error {}

/** An API answer as the CLI sees it: JSON bodies are read field by field where used. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are untyped JSON printed or picked apart per command
export type ApiAnswer = { status: number; body: any };

/**
 * Commands that read or change recipes and runs go through the same API handlers as HTTP clients
 * (same validation, same answers), on an app that is never served. They act as the first owner,
 * because whoever can run the CLI can read the database file anyway.
 */
export async function withApi<T>(work: (call: (method: string, path: string, body?: unknown) => Promise<ApiAnswer>) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const system = await wire({ ...config, logLevel: 'warn' }, { logDestination: 2 });
  try {
    const owner = (await userRepo.list(system.database.db)).find((user) => user.role === 'owner');
    const principal: Principal | undefined =
      owner && isRole(owner.role) ? { userId: owner.id, email: owner.email, role: owner.role, via: 'cli' } : undefined;
    if (!principal) throw new CliError('no owner exists yet: run `switchyard users create --email you@example.com --password … --role owner` first');
    const app = createApp({ ...system.appDeps, localPrincipal: principal });
    return await work(async (method, path, body) => {
      const response = await app.request(`/api/v1${path}`, {
        method,
        ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    });
  } finally {
    await system.close();
  }
}

/** Turns an API error answer into a CLI error listing every problem. */
export function failFrom(answer: ApiAnswer): never {
  const error = answer.body?.error;
  const lines = [error?.message ?? `request failed with status ${answer.status}`];
  for (const problem of error?.problems ?? []) lines.push(`  ${problem.path}: ${problem.message}`);
  throw new CliError(lines.join('\n'));
}
