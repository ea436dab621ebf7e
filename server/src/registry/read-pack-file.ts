import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PACK_TEXT_LIMIT_BYTES } from '@switchyard/connectors';
import type { PackFile } from './pack-file.js';
import { PackSourceError } from './pack-source-error.js';

/** Text of a local file, refused (not truncated) when larger than any honest manifest; undefined when absent. */
export async function readTextFile(path: string): Promise<string | undefined> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PackSourceError('PACK_SOURCE_INVALID', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (size > PACK_TEXT_LIMIT_BYTES) {
    throw new PackSourceError('PACK_SOURCE_INVALID', `${path} is ${size} bytes; a pack manifest may be at most ${PACK_TEXT_LIMIT_BYTES} bytes`);
  }
  return readFile(path, 'utf8');
}

/** A manifest file (JSON or YAML, told apart by its extension or first character). */
export async function readPackFile(path: string): Promise<PackFile> {
  const text = await readTextFile(path);
  if (text === undefined) throw new PackSourceError('PACK_SOURCE_INVALID', `no file ${path}`);
  return { text, fileName: basename(path), source: `file:${basename(path)}` };
}
