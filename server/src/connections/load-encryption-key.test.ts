import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFileName, loadEncryptionKey } from './load-encryption-key.js';

describe('loadEncryptionKey', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads SWITCHYARD_ENCRYPTION_KEY as hex or base64 of exactly 32 bytes', () => {
    const key = randomBytes(32);
    const dataDir = freshDir();
    expect(loadEncryptionKey({ encryptionKey: key.toString('hex'), dataDir, mayCreate: true }).key).toEqual(key);
    expect(loadEncryptionKey({ encryptionKey: key.toString('base64'), dataDir, mayCreate: true }).key).toEqual(key);
    expect(loadEncryptionKey({ encryptionKey: key.toString('base64url'), dataDir, mayCreate: true }).key).toEqual(key);
    expect(() => loadEncryptionKey({ encryptionKey: randomBytes(16).toString('base64'), dataDir, mayCreate: true })).toThrow(/SWITCHYARD_ENCRYPTION_KEY must be 32 bytes; it decodes to 16/);
    expect(() => loadEncryptionKey({ encryptionKey: 'not a key!', dataDir, mayCreate: true })).toThrow(/64 hex digits or base64/);
  });

  it('creates the key file once with mode 0600 and reads the same key afterwards', () => {
    const dataDir = join(freshDir(), 'nested');
    const first = loadEncryptionKey({ encryptionKey: undefined, dataDir, mayCreate: true });
    const path = join(dataDir, keyFileName);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.source).toBe(path);
    expect(loadEncryptionKey({ encryptionKey: undefined, dataDir, mayCreate: true }).key).toEqual(first.key);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toEqual(first.key);
  });

  it('refuses to make a new key file once secrets were sealed with the lost one', () => {
    const dataDir = freshDir();
    expect(() => loadEncryptionKey({ encryptionKey: undefined, dataDir, mayCreate: false })).toThrow(/encryption\.key is missing, but this database already holds secrets/);
    expect(existsSync(join(dataDir, keyFileName))).toBe(false);
  });

  it('refuses a key file other users can read', () => {
    const dataDir = freshDir();
    const path = join(dataDir, keyFileName);
    writeFileSync(path, randomBytes(32).toString('base64'));
    chmodSync(path, 0o644);
    expect(() => loadEncryptionKey({ encryptionKey: undefined, dataDir, mayCreate: true })).toThrow(/readable by other users \(mode 644\); run "chmod 600/);
  });
});
