import { VendorError } from './vendor-error.js';

/** A file as inputs carry it: text (sent as UTF-8) or `{ base64, filename?, contentType? }` for binary content. */
export interface FileValue {
  content: Uint8Array;
  filename: string | undefined;
  contentType: string | undefined;
}

/** Reads a rendered file value; `where` names the part or attachment in the error. */
export function readFileValue(value: unknown, where: string): FileValue {
  if (typeof value === 'string') return { content: Buffer.from(value, 'utf8'), filename: undefined, contentType: 'text/plain' };
  if (value !== null && typeof value === 'object') {
    const file = value as { base64?: unknown; filename?: unknown; contentType?: unknown };
    if (typeof file.base64 === 'string') {
      return {
        content: Buffer.from(file.base64, 'base64'),
        filename: typeof file.filename === 'string' && file.filename !== '' ? file.filename : undefined,
        contentType: typeof file.contentType === 'string' && file.contentType !== '' ? file.contentType : undefined,
      };
    }
  }
  throw new VendorError('PACK_BAD_FILE', `${where} needs a file: text, or { base64, filename, contentType }`);
}
