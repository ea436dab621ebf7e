import { posix } from 'node:path';
import { PackSourceError } from './pack-source-error.js';

/** Looked for, in this order, when package.json does not name the manifest. */
export const manifestNames = ['switchyard-pack.json', 'switchyard-pack.yaml', 'switchyard-pack.yml', 'pack.json', 'pack.yaml', 'pack.yml'];

/** A relative path that stays inside its folder, normalised; undefined for absolute paths, `..` escapes and backslashes. */
export function insidePath(path: string): string | undefined {
  if (path === '' || path.includes('\\') || path.includes('\0') || posix.isAbsolute(path) || /^[a-z]:/i.test(path)) return undefined;
  const normalised = posix.normalize(path);
  return normalised === '..' || normalised.startsWith('../') || normalised === '.' ? undefined : normalised;
}

/** The manifest a package.json names in `"switchyard": { "pack": "<relative path>" }`, if it names one. */
function namedByPackageJson(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PackSourceError('PACK_SOURCE_INVALID', 'package.json is not valid JSON');
  }
  const pack = (parsed as { switchyard?: { pack?: unknown } } | null)?.switchyard?.pack;
  if (pack === undefined) return undefined;
  if (typeof pack !== 'string') throw new PackSourceError('PACK_SOURCE_INVALID', 'package.json: "switchyard.pack" must be a relative path');
  const inside = insidePath(pack);
  if (!inside) throw new PackSourceError('PACK_SOURCE_INVALID', `package.json: "switchyard.pack" (${pack}) must be a relative path inside the package`);
  return inside;
}

/**
 * Finds a pack's manifest in a folder or package, reading through `read` (a relative path → its text, or
 * undefined when there is no such file): the file package.json names, else the first conventional name.
 */
export async function locateManifest(read: (path: string) => Promise<string | undefined>, where: string): Promise<{ path: string; text: string }> {
  const packageJson = await read('package.json');
  const named = packageJson === undefined ? undefined : namedByPackageJson(packageJson);
  if (named !== undefined) {
    const text = await read(named);
    if (text === undefined) throw new PackSourceError('PACK_MANIFEST_MISSING', `package.json names ${named} as the pack, but ${where} has no such file`);
    return { path: named, text };
  }
  for (const name of manifestNames) {
    const text = await read(name);
    if (text !== undefined) return { path: name, text };
  }
  const hint = `${manifestNames.join(', ')}, or a package.json with "switchyard": { "pack": "<path>" }`;
  throw new PackSourceError('PACK_MANIFEST_MISSING', `${where} has no pack manifest; expected one of ${hint}`);
}
