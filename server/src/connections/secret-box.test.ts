import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, with a fresh IV each time', () => {
    const first = box.seal('sk_live_123', 'connection:a');
    const second = box.seal('sk_live_123', 'connection:a');
    expect(first).not.toBe(second);
    expect(first.startsWith('v1.')).toBe(true);
    expect(first).not.toContain('sk_live_123');
    expect(box.open(first, 'connection:a')).toBe('sk_live_123');
    expect(box.open(second, 'connection:a')).toBe('sk_live_123');
  });

  it('refuses a changed ciphertext, tag or IV', () => {
    const sealed = box.seal('{"token":"abc"}', 'connection:a');
    const [version, iv, tag, data] = sealed.split('.') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64url');
    };
    for (const tampered of [[version, iv, tag, flip(data)], [version, iv, flip(tag), data], [version, flip(iv), tag, data]]) {
      expect(() => box.open(tampered.join('.'), 'connection:a')).toThrow(SecretBoxError);
    }
  });

  it('refuses an envelope moved to another context or opened with another key', () => {
    const sealed = box.seal('secret', 'connection:a');
    expect(() => box.open(sealed, 'connection:b')).toThrow(/cannot be decrypted/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'connection:a')).toThrow(/another encryption key/);
  });

  it('names unknown formats and refuses keys of the wrong size', () => {
    expect(() => box.open('v9.a.b.c', 'x')).toThrow(/unknown secret format "v9"/);
    expect(() => box.open('v1.abc', 'x')).toThrow(/malformed/);
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes, this one is 16/);
  });
});
