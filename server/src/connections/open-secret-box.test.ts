import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { openSecretBox } from './open-secret-box.js';

describe.each(dialects)('openSecretBox (%s)', (dialect) => {
  const test = useMigratedDatabase(dialect);

  it('accepts the key the database was first opened with and refuses any other at start-up', async () => {
    const key = randomBytes(32).toString('hex');
    const config = { encryptionKey: key, dataDir: '/nonexistent' };
    const box = await openSecretBox(test.database.db, config);
    expect(box.open(box.seal('x', 'c'), 'c')).toBe('x');
    await expect(openSecretBox(test.database.db, config)).resolves.toBeDefined();
    await expect(openSecretBox(test.database.db, { ...config, encryptionKey: randomBytes(32).toString('hex') })).rejects.toThrow(
      /the encryption key from SWITCHYARD_ENCRYPTION_KEY cannot decrypt this database's secrets/,
    );
  });
});
