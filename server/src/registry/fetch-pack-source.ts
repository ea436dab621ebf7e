import type { PackDownloadDeps } from './download-pack-bytes.js';
import { fetchNpmPack } from './fetch-npm-pack.js';
import { fetchUrlPack } from './fetch-url-pack.js';
import type { PackFile } from './pack-file.js';
import { PackSourceError } from './pack-source-error.js';

/** A remote pack source as the API takes it: `npm:<name>[@range]` or an https URL. */
export function fetchPackSource(deps: PackDownloadDeps, source: string): Promise<PackFile> {
  if (source.startsWith('npm:')) return fetchNpmPack(deps, source);
  if (/^https?:\/\//i.test(source)) return fetchUrlPack(deps, source);
  return Promise.reject(new PackSourceError('PACK_SOURCE_INVALID', `"${source}" is neither npm:<name>[@range] nor an https URL`));
}
