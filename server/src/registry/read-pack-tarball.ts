import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { insidePath, locateManifest } from './locate-manifest.js';
import { PackSourceError } from './pack-source-error.js';

export interface TarballLimits {
  /** Bytes of the archive as downloaded. */
  compressedBytes: number;
  /** Bytes once un-gzipped: the whole tar stream, headers included. */
  uncompressedBytes: number;
  entries: number;
}

export const defaultTarballLimits: TarballLimits = { compressedBytes: 10 * 1024 * 1024, uncompressedBytes: 50 * 1024 * 1024, entries: 2000 };

const fileTypes = new Set(['File', 'OldFile', 'ContiguousFile']);

const refuse = (message: string) => new PackSourceError('PACK_ARCHIVE_REFUSED', message);

function ungzip(archive: Buffer, limits: TarballLimits): Buffer {
  if (archive.length > limits.compressedBytes) throw refuse(`the archive is ${archive.length} bytes; at most ${limits.compressedBytes} are accepted`);
  if (archive[0] !== 0x1f || archive[1] !== 0x8b) return archive;
  try {
    // maxOutputLength makes zlib stop (and throw) at the limit, so a gzip bomb never fills memory.
    return gunzipSync(archive, { maxOutputLength: limits.uncompressedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw refuse(`the archive unpacks to more than ${limits.uncompressedBytes} bytes`);
    }
    throw refuse('the archive is not valid gzip');
  }
}

/** The regular files under `package/` (npm's layout), by path relative to it; any other kind of entry refuses the whole archive. */
function readEntries(tar: Buffer, limits: TarballLimits): Promise<Map<string, Buffer>> {
  if (tar.length > limits.uncompressedBytes) return Promise.reject(refuse(`the archive unpacks to more than ${limits.uncompressedBytes} bytes`));
  const files = new Map<string, Buffer>();
  let count = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const parser = new Parser({
      strict: true,
      onReadEntry(entry: ReadEntry) {
        const problem = entryProblem(entry, ++count, limits);
        if (problem) {
          parser.abort(refuse(problem));
          return;
        }
        // A bare Parser waits for each entry to be consumed before reading the next.
        if (entry.type === 'Directory') return void entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        const key = insidePath(String(entry.path))!.slice('package/'.length);
        entry.on('end', () => files.set(key, Buffer.concat(chunks)));
      },
    });
    parser.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error instanceof PackSourceError ? error : refuse(`the archive is not a valid tar file: ${error.message}`));
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(files);
    });
    parser.end(tar);
  });
}

function entryProblem(entry: ReadEntry, count: number, limits: TarballLimits): string | undefined {
  if (count > limits.entries) return `the archive has more than ${limits.entries} entries`;
  const path = String(entry.path);
  const inside = insidePath(path);
  if (!inside || (inside !== 'package' && !inside.startsWith('package/'))) return `the entry "${path}" is outside package/`;
  if (entry.type !== 'Directory' && !fileTypes.has(entry.type)) return `the entry "${path}" is a ${entry.type}; only files and folders are accepted`;
  return undefined;
}

/**
 * Reads a pack from an npm-style tarball entirely in memory (nothing touches the disk, nothing in it
 * runs): the manifest package/package.json names, else a conventionally named one. Archives that break
 * a rule are refused whole, never truncated.
 */
export async function readPackTarball(archive: Buffer, limits: TarballLimits = defaultTarballLimits): Promise<{ path: string; text: string }> {
  const files = await readEntries(ungzip(archive, limits), limits);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return locateManifest(async (path) => {
    const inside = insidePath(path);
    const content = inside === undefined ? undefined : files.get(inside);
    return content === undefined ? undefined : decoder.decode(content);
  }, 'the package');
}
