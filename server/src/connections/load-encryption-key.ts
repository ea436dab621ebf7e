import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const keyFileName = 'encryption.key';

/**
 * The 32-byte secrets key: `SWITCHYARD_ENCRYPTION_KEY` (64 hex digits or base64 of 32 bytes) when set,
 * otherwise `<dataDir>/encryption.key`, created once with mode 0600. A key file that others can read is
 * refused rather than used: the file is every stored credential, so a start-up error that says `chmod 600`
 * costs less than a leak nobody notices.
 */
export function loadEncryptionKey(options: {
  encryptionKey: string | undefined;
  dataDir: string;
  /** False once the database holds sealed secrets: a new key could never open them, so a lost file is an error. */
  mayCreate: boolean;
}): { key: Buffer; source: string } {
  if (options.encryptionKey !== undefined) return { key: parseKey(options.encryptionKey, 'SWITCHYARD_ENCRYPTION_KEY'), source: 'SWITCHYARD_ENCRYPTION_KEY' };
  const path = join(options.dataDir, keyFileName);
  if (options.mayCreate) createKeyFileOnce(options.dataDir, path);
  else if (!existsSync(path)) {
    throw new Error(
      `${path} is missing, but this database already holds secrets sealed with a key; restore the key file from your backup ` +
        '(or set SWITCHYARD_ENCRYPTION_KEY to that key) and start again',
    );
  }
  // POSIX modes only; Windows reports 0666 for every file and protects it with ACLs instead.
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`${path} is readable by other users (mode ${mode.toString(8)}); run "chmod 600 ${path}" and start again`);
  }
  return { key: parseKey(readFileSync(path, 'utf8'), path), source: path };
}

function createKeyFileOnce(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    // `wx`: exclusive create, so two processes starting together cannot each write their own key.
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    writeSync(fd, `${randomBytes(32).toString('base64')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Hex (64 digits) or base64/base64url of exactly 32 bytes; anything else is an error naming `where`. */
export function parseKey(text: string, where: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const key = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (key.length === 32) return key;
    throw new Error(`${where} must be 32 bytes; it decodes to ${key.length} (make one with: openssl rand -base64 32)`);
  }
  throw new Error(`${where} must be 64 hex digits or base64 of 32 bytes (make one with: openssl rand -base64 32)`);
}
