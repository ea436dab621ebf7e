export type SignatureEncoding = 'hex' | 'base64';

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Decodes hex or canonical padded base64, or returns null. Node's own decoders silently skip bad
 * characters, which would let a mangled signature or secret decode to something shorter but valid.
 */
export function decodeStrict(value: string, encoding: SignatureEncoding): Buffer | null {
  if (value.length === 0) return null;
  if (encoding === 'hex') {
    return value.length % 2 === 0 && HEX.test(value) ? Buffer.from(value, 'hex') : null;
  }
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

/** Length of the text form of `bytes` bytes, so oversized input is refused before decoding. */
export function encodedLength(bytes: number, encoding: SignatureEncoding): number {
  return encoding === 'hex' ? bytes * 2 : Math.ceil(bytes / 3) * 4;
}
