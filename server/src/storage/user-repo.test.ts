import { describe, expect, it } from 'vitest';
import { dialects, useMigratedDatabase } from './test-databases.js';
import { userRepo } from './user-repo.js';

describe.each(dialects)('userRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('creates users with lower-cased emails, found by any case of it', async () => {
    expect(await userRepo.count(database.db)).toBe(0);
    const owner = await database.write((trx) => userRepo.create(trx, { email: 'Ada@Example.com', passwordHash: 'h1', role: 'owner', now: 1_000 }));
    const viewer = await database.write((trx) => userRepo.create(trx, { email: 'bob@example.com', passwordHash: 'h2', role: 'viewer', now: 2_000 }));
    expect(owner.email).toBe('ada@example.com');
    expect(await userRepo.byEmail(database.db, 'ADA@example.COM')).toEqual(owner);
    expect(await userRepo.byId(database.db, viewer.id)).toEqual(viewer);
    expect(await userRepo.byEmail(database.db, 'nobody@example.com')).toBeUndefined();
    expect(await userRepo.list(database.db)).toEqual([owner, viewer]);
    expect(await userRepo.count(database.db)).toBe(2);
  });

  it('refuses a second user with the same email in another case', async () => {
    await database.write((trx) => userRepo.create(trx, { email: 'dup@example.com', passwordHash: 'h', role: 'editor', now: 1 }));
    const again = database.write((trx) => userRepo.create(trx, { email: 'DUP@example.com', passwordHash: 'h', role: 'editor', now: 2 }));
    await expect(again).rejects.toThrow(/unique/i);
  });
});
