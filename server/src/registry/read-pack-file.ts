import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PACK_TEXT_LIMIT_BYTES } from '@switchyard/connectors';
import type { PackFile } from './pack-file.js';
import { PackSourceError } from './pack-source-error.js';

/** The largest file `readTextFile` reads, and what the refusal calls such a file. */
export interface TextFileLimit {
  bytes: number;
  what: string;
}

const manifestLimit: TextFileLimit = { bytes: PACK_TEXT_LIMIT_BYTES, what: 'a pack manifest' };

/** Text of a local file, refused (not truncated) when larger than `limit` (any honest manifest); undefined when absent. */
export async function readTextFile(path: string, limit: TextFileLimit = manifestLimit): Promise<string | undefined> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PackSourceError('PACK_SOURCE_INVALID', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (size > limit.bytes) {
    throw new PackSourceError('PACK_SOURCE_INVALID', `${path} is ${size} bytes; ${limit.what} may be at most ${limit.bytes} bytes`);
  }
  return readFile(path, 'utf8');
}

/** A manifest file (JSON or YAML, told apart by its extension or first character). */
export async function readPackFile(path: string): Promise<PackFile> {
  const text = await readTextFile(path);
  if (text === undefined) throw new PackSourceError('PACK_SOURCE_INVALID', `no file ${path}`);
  return { text, fileName: basename(path), source: `file:${basename(path)}` };
}
