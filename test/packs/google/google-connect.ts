import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import type { GoogleFake } from './google-fake.js';

/** Connection fields pointing a Google pack at the fake (API, OAuth endpoints). */
export function googleFields(fake: GoogleFake): Record<string, string> {
  return {
    client_id: fake.clientId,
    client_secret: fake.clientSecret,
    base_url: fake.url,
    drive_url: fake.url,
    authorization_url: `${fake.url}/o/oauth2/v2/auth`,
    token_url: `${fake.url}/token`,
  };
}

/** Creates a connection and authorises it through the fake's consent redirect; returns its id and the authorize URL. */
export async function connectGoogle(server: SwitchyardProcess, fake: GoogleFake, packId: string): Promise<{ id: string; authorizeUrl: URL }> {
  const fields = googleFields(fake);
  if (packId === 'gmail') delete fields['drive_url'];
  const created = await server.api<{ connection: { id: string } }>('POST', '/connections', { packId, name: packId, fields });
  if (created.status !== 201) throw new Error(`creating the connection answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.connection.id;
  const started = await server.api<{ authorizeUrl: string }>('POST', `/connections/${id}/oauth/start`, {});
  if (started.status !== 200) throw new Error(`oauth/start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const consent = await fetch(started.body.authorizeUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const done = await server.request<{ connectionId: string }>('GET', `${back.pathname}${back.search}&format=json`);
  if (done.status !== 200) throw new Error(`the callback answered ${done.status}: ${JSON.stringify(done.body)}`);
  return { id, authorizeUrl: new URL(started.body.authorizeUrl) };
}

/** Runs one pack action as a draft recipe's step test and returns its answer. */
export async function testStep(server: SwitchyardProcess, connection: string, use: string, input: Record<string, unknown>) {
  const recipe = await server.api<{ id: string }>('POST', '/recipes/import', {
    name: `try ${use}`,
    trigger: { use: 'core/manual' },
    steps: [{ id: 'step', use, connection, input }],
  });
  if (recipe.status !== 201) throw new Error(`import answered ${recipe.status}: ${JSON.stringify(recipe.body)}`);
  const answer = await server.api<{ ok: boolean; output?: unknown; error?: { message: string } }>('POST', `/recipes/${recipe.body.id}/steps/step/test`, { sample: {} });
  if (answer.status !== 200) throw new Error(`step test answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

interface WritableSqlite {
  prepare(source: string): { run(...params: unknown[]): unknown };
  pragma(source: string): unknown;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => WritableSqlite;

/** Makes a poll trigger due now (instead of waiting its interval) and waits until that poll has finished. */
export async function pollNow(server: SwitchyardProcess, triggerId: string): Promise<void> {
  const before = await triggerState(server, triggerId);
  const db = new Database(join(server.dataDir, 'switchyard.db'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('update triggers set next_fire_at = 0 where id = ?').run(triggerId);
  } finally {
    db.close();
  }
  await waitFor(async () => (await triggerState(server, triggerId)).lastPollAt !== before.lastPollAt, { timeoutMs: 15_000, what: 'the poll to run' });
}

export interface PollState {
  lastPollAt?: number;
  seeded?: boolean;
  seenCount: number;
  lastError: { message: string } | null;
}

export async function triggerState(server: SwitchyardProcess, triggerId: string): Promise<PollState> {
  const answer = await server.api<{ state: PollState }>('GET', `/triggers/${triggerId}/state`);
  if (answer.status !== 200) throw new Error(`trigger state answered ${answer.status}`);
  return answer.body.state;
}
