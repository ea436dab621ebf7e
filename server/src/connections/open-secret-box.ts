import type { Db } from '../storage/database.js';
import { loadEncryptionKey } from './load-encryption-key.js';
import { createSecretBox, type SecretBox } from './secret-box.js';
import { hasKeyCheck, verifyEncryptionKey } from './verify-encryption-key.js';

/** Start-up: the key from config or the key file, checked against this database. Throws a readable error. */
export async function openSecretBox(db: Db, config: { encryptionKey: string | undefined; dataDir: string }): Promise<SecretBox> {
  const { key, source } = loadEncryptionKey({ ...config, mayCreate: !(await hasKeyCheck(db)) });
  const box = createSecretBox(key);
  await verifyEncryptionKey(db, box, source);
  return box;
}
