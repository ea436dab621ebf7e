import { beforeAll, describe, expect, it } from 'vitest';
import { credentialRepo } from './credential-repo.js';
import type { UserRow } from './tables.js';
import { dialects, useMigratedDatabase } from './test-databases.js';
import { userRepo } from './user-repo.js';

describe.each(dialects)('credentialRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);
  let user: UserRow;
  beforeAll(async () => {
    user = await database.write((trx) => userRepo.create(trx, { email: 'ada@example.com', passwordHash: 'h', role: 'editor', now: 1 }));
  });

  it('finds the user of an API token by its hash', async () => {
    await database.write((trx) => credentialRepo.createToken(trx, { id: 'tok_1', userId: user.id, name: 'ci', tokenHash: 'hash-1', now: 1_000 }));
    expect(await credentialRepo.userForToken(database.db, 'hash-1')).toEqual({
      id: user.id, email: 'ada@example.com', role: 'editor', tokenId: 'tok_1',
    });
    expect(await credentialRepo.userForToken(database.db, 'hash-unknown')).toBeUndefined();
  });

  it('refuses two tokens with the same hash', async () => {
    await database.write((trx) => credentialRepo.createToken(trx, { id: 'tok_2', userId: user.id, name: 'a', tokenHash: 'hash-2', now: 1 }));
    const again = database.write((trx) => credentialRepo.createToken(trx, { id: 'tok_3', userId: user.id, name: 'b', tokenHash: 'hash-2', now: 1 }));
    await expect(again).rejects.toThrow(/unique/i);
  });

  it('finds the user of a session until it expires or is deleted', async () => {
    await database.write((trx) => credentialRepo.createSession(trx, { id: 'ses_1', userId: user.id, now: 1_000, expiresAt: 5_000 }));
    expect(await credentialRepo.userForSession(database.db, 'ses_1', 4_999)).toEqual({ id: user.id, email: 'ada@example.com', role: 'editor' });
    expect(await credentialRepo.userForSession(database.db, 'ses_1', 5_000)).toBeUndefined();
    await database.write((trx) => credentialRepo.deleteSession(trx, 'ses_1'));
    expect(await credentialRepo.userForSession(database.db, 'ses_1', 2_000)).toBeUndefined();
  });

  it('refuses a session for a user that does not exist', async () => {
    const orphan = database.write((trx) => credentialRepo.createSession(trx, { id: 'ses_x', userId: 'usr_missing', now: 1, expiresAt: 2 }));
    await expect(orphan).rejects.toThrow(/foreign key/i);
  });
});
