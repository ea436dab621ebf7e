import { builtInPacks, validatePack } from '@switchyard/connectors';
import YAML from 'yaml';
import type { InstalledPack } from './pack-registry.js';

export type PackExportFormat = 'yaml' | 'json';

export interface PackExport {
  fileName: string;
  contentType: string;
  text: string;
}

/**
 * The manifest a user edits: a built-in pack as it is written (defaults left out, so the file is short),
 * any other pack as installed. A built-in that a user replaced under another version is exported as installed.
 */
function editableManifest(pack: InstalledPack): Record<string, unknown> {
  const builtIn = builtInPacks.find((candidate) => candidate.id === pack.manifest.id && candidate.version === pack.version);
  return structuredClone((builtIn ?? pack.manifest) as Record<string, unknown>);
}

const howToImport = (id: string, version: string) => [
  ` Exported by Switchyard: ${id} ${version}.`,
  ' Edit it, then import it with `switchyard packs add <this file>` or Packs → Import pack.',
  ' Installed packs keep every version: give your edit a new version (1.0.0 → 1.1.0), or a new id',
  ' (`switchyard packs export <id> --as <new-id>`) to keep it apart from the built-in pack.',
];

/**
 * A pack as a manifest file (YAML with a note on how to import it again, or JSON). `as` renames it, so a
 * built-in pack can be copied into a pack of one's own. What is written always passes the validator.
 */
export function exportPack(pack: InstalledPack, options: { format: PackExportFormat; as?: string | undefined }): PackExport {
  const manifest = editableManifest(pack);
  if (options.as !== undefined) manifest.id = options.as;
  const check = validatePack(manifest);
  if (!check.ok) throw new PackExportError(check.problems.map((problem) => `${problem.path || '/'}: ${problem.message}`).join('; '));
  const id = check.manifest.id;
  if (options.format === 'json') {
    return { fileName: `${id}.pack.json`, contentType: 'application/json', text: `${JSON.stringify(manifest, null, 2)}\n` };
  }
  const document = new YAML.Document(manifest);
  document.commentBefore = howToImport(id, pack.version).join('\n');
  return { fileName: `${id}.pack.yaml`, contentType: 'application/yaml', text: document.toString({ lineWidth: 0 }) };
}

export class PackExportError extends Error {}
