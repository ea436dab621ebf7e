import { createId } from '../storage/create-id.js';
import { credentialRepo } from '../storage/credential-repo.js';
import type { Db } from '../storage/database.js';
import { createSecretToken } from './secret-token.js';

/** Creates an API token for a user; the token itself is returned once and never stored. */
export async function createApiToken(db: Db, userId: string, name: string, now: number): Promise<{ id: string; token: string }> {
  const { token, hash } = createSecretToken('syt');
  const id = createId('tok', now);
  await credentialRepo.createToken(db, { id, userId, name, tokenHash: hash, now });
  return { id, token };
}
