import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../support/inspect-db.js';
import { publishRecipe, waitForRun, type PublishedRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { cliPath, SwitchyardProcess } from '../support/switchyard-process.js';

const run = promisify(execFile);
const examplePack = fileURLToPath(new URL('../../connectors/examples/acme-crm.pack.yaml', import.meta.url));
// Random per run, so a match can only come from this test's own secrets.
const apiKey = `sentinel_key_${randomBytes(12).toString('hex')}`;
const webhookSecret = `sentinel_whsec_${randomBytes(12).toString('hex')}`;
const sentinels = [apiKey, webhookSecret];

/** Every SQLite file of the data dir that exists now, by name, as raw bytes. */
function databaseFiles(dataDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of ['switchyard.db', 'switchyard.db-wal', 'switchyard.db-shm']) {
    const path = join(dataDir, name);
    if (existsSync(path)) files.set(name, readFileSync(path));
  }
  return files;
}

/** Where a sentinel shows up, as "<where>: <sentinel>" lines; empty when nowhere. */
function leaks(where: string, haystack: string | Buffer): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack) : haystack;
  return sentinels.filter((sentinel) => bytes.includes(Buffer.from(sentinel))).map((sentinel) => `${where}: ${sentinel}`);
}

/**
 * Test battery 13: a connection's secrets are sealed. Sentinel secrets of a connection that a run really
 * uses (the fake vendor receives the key) appear in no database file (main, WAL, shared memory — before
 * and after a checkpoint), no log line and no API answer; a flipped ciphertext byte is detected with a
 * clear error while the server keeps running; a wrong or missing key refuses to start, saying why.
 */
describe('secrets', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let vendor: Sink;
  let connectionId: string;
  let recipe: PublishedRecipe;
  /** Every API answer the test saw, to search at the end. */
  const answers: { where: string; body: unknown }[] = [];

  const api = async <T>(method: string, path: string, body?: unknown) => {
    const answer = await server.api<T>(method, path, body);
    answers.push({ where: `${method} ${path}`, body: answer.body });
    return answer;
  };

  beforeAll(async () => {
    vendor = own(await Sink.start());
    vendor.script('/me', [], { status: 200, body: { data: { id: 'usr_1' } } });
    vendor.script('/contacts', [], (request) => ({ status: 201, body: { data: { id: `ct_${request.seq}`, ...(request.json as object) } } }));
    // The most talkative level: whatever the server can log, it logs here.
    server = own(await SwitchyardProcess.launch({ env: { SWITCHYARD_LOG_LEVEL: 'trace' } }));
    const added = await server.cli(['packs', 'add', examplePack]);
    expect(added.code, added.stderr).toBe(0);
    const created = await api<{ connection: { id: string; status: string } }>('POST', '/connections', {
      packId: 'acme-crm',
      name: 'Acme',
      fields: { base_url: vendor.url, api_key: apiKey, webhook_secret: webhookSecret },
    });
    expect(created.status).toBe(201);
    expect(created.body.connection.status).toBe('ok');
    connectionId = created.body.connection.id;
    recipe = await publishRecipe(server, {
      name: 'sealed secrets',
      trigger: { use: 'core/manual' },
      steps: [{ id: 'create', use: 'acme-crm/create-contact', connection: connectionId, input: { email: '{{trigger.body.email}}' } }],
    });
  });

  const runOnce = async (email: string) => {
    const started = await api<{ runId: string }>('POST', `/recipes/${recipe.id}/run`, { input: { email } });
    expect(started.status).toBe(202);
    const finished = await waitForRun(server, started.body.runId);
    answers.push({ where: `GET /runs/${started.body.runId}`, body: finished });
    return finished;
  };

  it('finds the sentinels nowhere: database files, logs, API answers', async () => {
    const finished = await runOnce('ada@example.com');
    expect(finished.status).toBe('succeeded');
    // The key was really used: the vendor received it.
    expect(vendor.requestsTo('/contacts').map((request) => request.headers['x-api-key'])).toEqual([apiKey]);
    expect((await api('POST', `/connections/${connectionId}/test`)).status).toBe(200);

    for (const path of [
      '/connections',
      `/connections/${connectionId}`,
      `/recipes/${recipe.id}`,
      `/recipes/${recipe.id}/export`,
      `/runs?recipe=${recipe.id}`,
      '/audit',
      '/packs',
      '/system/storage',
    ]) {
      expect((await api('GET', path)).status, path).toBe(200);
    }
    const found = answers.flatMap((answer) => leaks(answer.where, JSON.stringify(answer.body)));

    // The files as they are while the server runs (the WAL holds the recent writes), then after a checkpoint.
    for (const [name, bytes] of databaseFiles(server.dataDir)) found.push(...leaks(`${name} (live)`, bytes));
    const checkpoint = new Database(join(server.dataDir, 'switchyard.db'));
    try {
      checkpoint.pragma('busy_timeout = 10000');
      checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      checkpoint.close();
    }
    for (const [name, bytes] of databaseFiles(server.dataDir)) found.push(...leaks(`${name} (checkpointed)`, bytes));
    found.push(...leaks('server log', server.logTail(5000)));
    expect(found).toEqual([]);
    console.log(`[e2e] secrets: searched ${answers.length} API answers, ${databaseFiles(server.dataDir).size} database files, ${server.logs.length} log lines`);
  });

  it('detects a flipped ciphertext byte with a clear error, and keeps answering', async () => {
    const [row] = queryDb<{ secrets: string }>(server.dataDir, 'select secrets from connections where id = ?', connectionId);
    const parts = row!.secrets.split('.');
    expect(parts).toHaveLength(4);
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0]! ^= 0x01;
    const tampered = [...parts.slice(0, 3), ciphertext.toString('base64url')].join('.');
    const writer = new Database(join(server.dataDir, 'switchyard.db'));
    try {
      writer.pragma('busy_timeout = 10000');
      writer.prepare('update connections set secrets = ? where id = ?').run(tampered, connectionId);
    } finally {
      writer.close();
    }

    // The test ran and failed: the connection is marked broken, with the reason.
    const tested = await api<{ ok: boolean; message: string; connection: { status: string } }>('POST', `/connections/${connectionId}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, connection: { status: 'error' } });
    expect(tested.body.message).toContain(`the secrets of connection ${connectionId} cannot be decrypted`);

    const failed = await runOnce('grace@example.com');
    expect(failed.status).toBe('failed');
    expect(JSON.stringify(failed.steps)).toContain('SECRETS_UNREADABLE');
    expect(JSON.stringify(failed.steps)).toContain('cannot be decrypted');
    // Nothing reached the vendor without its key.
    expect(vendor.requestsTo('/contacts')).toHaveLength(1);
    expect((await server.get('/healthz')).status).toBe(200);
  });

  it('refuses to start with a wrong key, or with the key file gone, saying why', async () => {
    await server.kill('SIGTERM');
    const env = {
      ...process.env,
      SWITCHYARD_DATA_DIR: server.dataDir,
      SWITCHYARD_PORT: '0',
      SWITCHYARD_HOST: '127.0.0.1',
      SWITCHYARD_LOG_LEVEL: 'warn',
    };
    const start = (extra: Record<string, string> = {}) =>
      run(process.execPath, [cliPath, 'start'], { env: { ...env, ...extra }, timeout: 20_000 }).then(
        () => ({ code: 0, stderr: 'started' }),
        (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
      );

    const otherKey = randomBytes(32).toString('base64');
    const wrongKey = await start({ SWITCHYARD_ENCRYPTION_KEY: otherKey });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain("the encryption key from SWITCHYARD_ENCRYPTION_KEY cannot decrypt this database's secrets");
    expect(wrongKey.stderr).not.toContain(otherKey);

    const malformedKey = await start({ SWITCHYARD_ENCRYPTION_KEY: 'not-a-key' });
    expect(malformedKey.code).toBe(1);
    expect(malformedKey.stderr).toContain('SWITCHYARD_ENCRYPTION_KEY must be');

    const keyFile = join(server.dataDir, 'encryption.key');
    rmSync(keyFile);
    const missingKey = await start();
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toContain(`${keyFile} is missing, but this database already holds secrets`);
    expect(existsSync(keyFile)).toBe(false);
    for (const outcome of [wrongKey, malformedKey, missingKey]) expect(outcome.stderr).not.toMatch(/\n\s+at /);
    console.log(`[e2e] secrets: key file removed → ${missingKey.stderr.trim().split('\n')[0]}`);
  });
});
