import { describe, expect, it } from 'vitest';
import { signInStateRepo } from './sign-in-state-repo.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

const row = (stateHash: string, expiresAt: number) => ({ state_hash: stateHash, provider_id: 'corp', browser_hash: 'b', secrets: 's', return_to: '/', expires_at: expiresAt });

describe.each(dialects)('signInStateRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('gives a state out once, clears expired ones as new ones start, and caps those in flight', async () => {
    expect(await database.write((trx) => signInStateRepo.create(trx, row('a', 100), 0, 2))).toBe(true);
    expect(await database.write((trx) => signInStateRepo.create(trx, row('b', 300), 0, 2))).toBe(true);
    expect(await database.write((trx) => signInStateRepo.create(trx, row('c', 300), 0, 2))).toBe(false);
    // At 100, 'a' has expired: removed, which makes room again.
    expect(await database.write((trx) => signInStateRepo.create(trx, row('d', 400), 100, 2))).toBe(true);
    expect(await database.write((trx) => signInStateRepo.take(trx, 'a'))).toBeUndefined();
    expect(await database.write((trx) => signInStateRepo.take(trx, 'b'))).toMatchObject({ state_hash: 'b', provider_id: 'corp' });
    expect(await database.write((trx) => signInStateRepo.take(trx, 'b'))).toBeUndefined();
  });
});
