import { realpath } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { insidePath, locateManifest } from './locate-manifest.js';
import type { PackFile } from './pack-file.js';
import { PackSourceError } from './pack-source-error.js';
import { readTextFile } from './read-pack-file.js';

/**
 * A pack folder: the manifest its package.json names (`"switchyard": { "pack": "<path>" }`) or a
 * conventionally named one. Paths that leave the folder, directly or through a symbolic link, are refused.
 */
export async function readPackFolder(folder: string): Promise<PackFile> {
  let root: string;
  try {
    root = await realpath(resolve(folder));
  } catch {
    throw new PackSourceError('PACK_SOURCE_INVALID', `no folder ${folder}`);
  }
  const read = async (path: string): Promise<string | undefined> => {
    const inside = insidePath(path);
    if (!inside) throw new PackSourceError('PACK_SOURCE_INVALID', `${path} is outside the pack folder`);
    let real: string;
    try {
      real = await realpath(join(root, inside));
    } catch {
      return undefined;
    }
    const rel = relative(root, real);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..') throw new PackSourceError('PACK_SOURCE_INVALID', `${path} leads outside the pack folder`);
    return readTextFile(real);
  };
  const found = await locateManifest(read, `the folder ${folder}`);
  return { text: found.text, fileName: basename(found.path), source: `folder:${basename(root)}/${found.path}` };
}
