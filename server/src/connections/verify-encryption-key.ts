import type { Db } from '../storage/database.js';
import { settingsRepo } from '../storage/settings-repo.js';
import { SecretBoxError, type SecretBox } from './secret-box.js';

const settingKey = 'encryption_key_check';
const context = 'switchyard:key-check';
const expected = 'switchyard';

/** Whether a key has sealed anything here yet (the first start seals the check value). */
export async function hasKeyCheck(db: Db): Promise<boolean> {
  return (await settingsRepo.get(db, settingKey)) !== undefined;
}

/**
 * The first start seals a known value into `settings`; every later start opens it. A different key would
 * otherwise start fine and fail on every connection later, so it refuses to start instead.
 */
export async function verifyEncryptionKey(db: Db, box: SecretBox, source: string): Promise<void> {
  const sealed = await settingsRepo.getOrCreate(db, settingKey, () => box.seal(expected, context));
  let opened: string;
  try {
    opened = box.open(sealed, context);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    opened = '';
  }
  if (opened !== expected) {
    throw new Error(
      `the encryption key from ${source} cannot decrypt this database's secrets; start with the key it was created with ` +
        '(SWITCHYARD_ENCRYPTION_KEY or the encryption.key file of its data directory)',
    );
  }
}
