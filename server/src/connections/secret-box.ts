import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Raised when an envelope cannot be opened: tampered, truncated, sealed with another key or for another context. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Seals text with AES-256-GCM. `context` is bound as additional authenticated data, so an envelope copied
 * from one row to another (or from an OAuth state to a connection) does not open there.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(envelope: string, context: string): string;
}

// `v1.<iv>.<tag>.<ciphertext>`, base64url parts. The version prefix lets a later format (or key rotation
// with a key id) live next to this one.
const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`an AES-256 key is 32 bytes, this one is ${key.length}`);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(envelope, context) {
      const parts = envelope.split('.');
      if (parts[0] !== version) throw new SecretBoxError(`unknown secret format "${String(parts[0]).slice(0, 10)}" (expected ${version})`);
      if (parts.length !== 4) throw new SecretBoxError('malformed secret envelope');
      const iv = Buffer.from(parts[1]!, 'base64url');
      const tag = Buffer.from(parts[2]!, 'base64url');
      if (iv.length !== ivBytes || tag.length !== tagBytes) throw new SecretBoxError('malformed secret envelope');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(parts[3]!, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the secret cannot be decrypted: it was changed, or sealed with another encryption key');
      }
    },
  };
}
