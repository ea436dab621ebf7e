import semver from 'semver';
import { packManifestSchema } from '../manifest/pack-manifest-schema.js';
import { asRecord, asText, clip, type JsonRecord } from './json-value.js';
import { slugify } from './names.js';

export interface PackInfo {
  id: string;
  name: string;
  version: string;
  description?: string;
  homepage?: string;
}

/** Id, name, version and description of the pack from the document's `info` (and the caller's options). */
export function packInfo(document: JsonRecord, options: { id?: string; fileName?: string }): PackInfo {
  const info = asRecord(document.info) ?? {};
  const title = asText(info.title);
  const fileStem = options.fileName?.split(/[\\/]/).pop()?.replace(/\.(json|ya?ml)$/i, '');
  const slug = slugify(title ?? '') || slugify(fileStem ?? '') || 'openapi';
  // "core" is reserved for the built-in steps.
  const id = options.id ?? (slug === 'core' ? 'core-api' : slug);
  const version = semver.coerce(info.version === undefined ? undefined : String(info.version))?.version ?? '1.0.0';
  const homepage = asText(asRecord(document.externalDocs)?.url) ?? asText(asRecord(info.contact)?.url);
  const result: PackInfo = { id, name: clip(title ?? fileStem ?? id, 200) ?? id, version };
  const description = clip(asText(info.description) ?? asText(info.summary), 5000);
  if (description !== undefined) result.description = description;
  if (homepage !== undefined && packManifestSchema.shape.homepage.safeParse(homepage).success) result.homepage = homepage;
  return result;
}
