import { basename } from 'node:path';
import { PACK_TEXT_LIMIT_BYTES } from '@switchyard/connectors';
import { downloadPackBytes, type PackDownloadDeps } from './download-pack-bytes.js';
import type { PackFile } from './pack-file.js';
import { defaultTarballLimits, readPackTarball, type TarballLimits } from './read-pack-tarball.js';

const isGzip = (body: Buffer) => body[0] === 0x1f && body[1] === 0x8b;

/**
 * A pack at an https URL: a JSON or YAML manifest, or an npm-style `.tgz` (told apart by its gzip magic
 * bytes, so a misleading name or content type changes nothing).
 */
export async function fetchUrlPack(deps: PackDownloadDeps, url: string, limits: TarballLimits = defaultTarballLimits): Promise<PackFile> {
  const maxBytes = Math.max(limits.compressedBytes, PACK_TEXT_LIMIT_BYTES);
  const download = await downloadPackBytes(deps, url, { maxBytes, accept: 'application/json, application/yaml, application/gzip, */*;q=0.5' });
  const source = `${download.url.origin}${download.url.pathname}`;
  if (isGzip(download.body)) {
    const manifest = await readPackTarball(download.body, limits);
    return { text: manifest.text, fileName: basename(manifest.path), source };
  }
  const name = basename(download.url.pathname) || 'pack';
  // Without a telling extension the content type decides; parsePackText then falls back to the first character.
  const fileName = /\.(json|ya?ml)$/i.test(name) ? name : /yaml/i.test(download.contentType) ? `${name}.yaml` : name;
  return { text: download.body.toString('utf8'), fileName, source };
}
