import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../support/switchyard-process.js';

const run = promisify(execFile);

/** Test battery 12: a database the server cannot write refuses to start, saying which file; never an ack-and-drop. */
describe('read-only database', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) {
      await chmod(join(dir, 'data'), 0o755).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a clear message naming the file', async (context) => {
    const asRoot = process.getuid?.() === 0;
    // Root ignores file modes, so as root the server runs as nobody (the battery asks for a non-root user).
    // That needs a checkout nobody can read; where it cannot (a checkout under /root), say so and skip.
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath];
    if (asRoot) {
      const canRun = await run(asNobody[0]!, [...asNobody.slice(1), cliPath, '--help']).then(
        () => true,
        () => false,
      );
      if (!canRun) context.skip('the checkout is not readable by the nobody user');
    }
    dir = await mkdtemp(join(tmpdir(), 'switchyard-ro-'));
    const dataDir = join(dir, 'data');
    const env = { ...process.env, SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_PORT: '0', SWITCHYARD_LOG_LEVEL: 'warn' };
    await run(process.execPath, [cliPath, 'migrate'], { env });
    await chmod(dir, 0o755);
    await chmod(join(dataDir, 'switchyard.db'), 0o444);
    await chmod(dataDir, 0o555);
    const [command, args] = asRoot ? [asNobody[0]!, [...asNobody.slice(1), cliPath, 'start']] : [process.execPath, [cliPath, 'start']];
    const failure = await run(command, args, { env, timeout: 20_000 }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`the database is read-only: ${join(dataDir, 'switchyard.db')}`);
  });
});
