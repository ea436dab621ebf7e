import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import semver from 'semver';
import { downloadPackBytes, type PackDownloadDeps } from './download-pack-bytes.js';
import type { PackFile } from './pack-file.js';
import { PackSourceError } from './pack-source-error.js';
import { defaultTarballLimits, readPackTarball, type TarballLimits } from './read-pack-tarball.js';

// npm's rules for new package names: lower-case, URL-safe, optionally scoped, at most 214 characters.
const namePattern = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const packumentBytes = 10 * 1024 * 1024;

export interface NpmSpec {
  name: string;
  /** A semver range or a dist-tag; `latest` when not given. */
  range: string;
}

/** `npm:<name>[@range]`, e.g. `npm:@acme/switchyard-pack@^2`. */
export function parseNpmSpec(spec: string): NpmSpec {
  const body = spec.slice('npm:'.length);
  const at = body.indexOf('@', 1);
  const name = at === -1 ? body : body.slice(0, at);
  const range = at === -1 ? 'latest' : body.slice(at + 1);
  if (name.length > 214 || !namePattern.test(name)) throw new PackSourceError('PACK_SOURCE_INVALID', `"${name}" is not an npm package name`);
  if (range === '' || (semver.validRange(range) === null && !/^[a-z][a-z0-9._-]*$/i.test(range))) {
    throw new PackSourceError('PACK_SOURCE_INVALID', `"${range}" is neither a version range nor a dist-tag`);
  }
  return { name, range };
}

interface Packument {
  'dist-tags'?: Record<string, string>;
  versions?: Record<string, { dist?: { tarball?: string; integrity?: string } }>;
}

/** The version a range (or dist-tag) picks: the highest published version that satisfies it. */
export function pickVersion(packument: Packument, spec: NpmSpec): string | undefined {
  const published = Object.keys(packument.versions ?? {});
  const tagged = packument['dist-tags']?.[spec.range];
  if (tagged !== undefined) return published.includes(tagged) ? tagged : undefined;
  return semver.maxSatisfying(published, spec.range) ?? undefined;
}

/** Checks a download against the packument's `dist.integrity` (SRI); only sha512 is trusted. */
export function checkIntegrity(archive: Buffer, integrity: string | undefined, what: string): void {
  const expected = (integrity ?? '')
    .split(/\s+/)
    .filter((entry) => entry.startsWith('sha512-'))
    .map((entry) => entry.slice('sha512-'.length).replace(/\?.*$/, ''));
  if (expected.length === 0) throw new PackSourceError('PACK_ARCHIVE_REFUSED', `${what} has no sha512 integrity in the registry; it cannot be verified`);
  const actual = createHash('sha512').update(archive).digest('base64');
  if (!expected.includes(actual)) throw new PackSourceError('PACK_ARCHIVE_REFUSED', `${what} does not match its published integrity (sha512); refusing it`);
}

/**
 * An npm package holding a pack: the packument from the registry, the version the range picks, its
 * tarball verified against `dist.integrity` and read in memory. npm itself is never run, so no package
 * script can.
 */
export async function fetchNpmPack(deps: PackDownloadDeps, spec: string, limits: TarballLimits = defaultTarballLimits): Promise<PackFile> {
  const npm = parseNpmSpec(spec);
  const registry = deps.npmRegistry.replace(/\/+$/, '');
  const packumentUrl = `${registry}/${npm.name.replace('/', '%2f')}`;
  // The abbreviated document npm install uses: versions with their dist only, much smaller than the full one.
  const accept = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';
  const { body } = await downloadPackBytes(deps, packumentUrl, { maxBytes: packumentBytes, accept });
  let packument: Packument;
  try {
    packument = JSON.parse(body.toString('utf8')) as Packument;
  } catch {
    throw new PackSourceError('PACK_DOWNLOAD_FAILED', `the registry's answer for ${npm.name} is not JSON`);
  }
  const version = pickVersion(packument, npm);
  if (version === undefined) throw new PackSourceError('PACK_SOURCE_INVALID', `${npm.name} has no published version matching "${npm.range}"`);
  const dist = packument.versions?.[version]?.dist;
  if (!dist?.tarball) throw new PackSourceError('PACK_DOWNLOAD_FAILED', `the registry lists no tarball for ${npm.name}@${version}`);
  const tarball = await downloadPackBytes(deps, dist.tarball, { maxBytes: limits.compressedBytes });
  checkIntegrity(tarball.body, dist.integrity, `${npm.name}@${version}`);
  const manifest = await readPackTarball(tarball.body, limits);
  return { text: manifest.text, fileName: basename(manifest.path), source: `npm:${npm.name}@${version}` };
}
