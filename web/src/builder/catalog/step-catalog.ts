import type { PackSummary } from '@switchyard/server/contracts';
import { readManifest, type ManifestField } from '../../screens/packs/pack-manifest';
import { coreStepForms, coreTriggerForms } from '../forms/core-steps';
import { packFormFields, type FormField, type PackField } from '../forms/form-field';

/** One thing the picker offers and the panel edits: a core step or trigger, or a pack's action or trigger. */
export interface CatalogEntry {
  /** What goes in the definition's `use` (pack entries unpinned: the server pins the major on save). */
  use: string;
  title: string;
  description: string;
  /** Picker heading: `Flow`, `Data`, `Developer`, `Triggers`, or the pack's name. */
  group: string;
  packId?: string;
  /** The pack's inline SVG, rendered as an image. */
  icon?: string;
  fields: FormField[];
  sample: unknown;
  /** The pack needs auth, so the step needs a connection. */
  needsConnection: boolean;
  /** How a core step names the account it needs (pack steps just say "Connection"). */
  connectionField?: { label: string; description: string };
  /** A pack trigger's kind (`webhook`, `subscription`, `poll`): the first two take test deliveries. */
  triggerKind?: string;
  /** A pack action whose further fields are fetched from the vendor once the inputs in `dependsOn` are chosen. */
  dynamicFields?: { dependsOn: string[] };
}

export interface Catalog {
  steps: CatalogEntry[];
  triggers: CatalogEntry[];
}

/** An installed pack as GET /packs/{id} returns it. */
export interface InstalledPack {
  pack: PackSummary;
  manifest: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The raw manifest item (for what the shared reader leaves out: `sample` and `dynamicChoices.dependsOn`). */
function rawItem(manifest: Json, list: 'actions' | 'triggers', key: string): Json {
  const items = Array.isArray(manifest[list]) ? (manifest[list] as unknown[]) : [];
  return (items.find((item) => isObject(item) && item['key'] === key) as Json | undefined) ?? {};
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : []);

function withDependsOn(fields: ManifestField[], raw: Json): PackField[] {
  const rawFields = Array.isArray(raw['input']) ? (raw['input'] as unknown[]).filter(isObject) : [];
  return fields.map((field) => {
    const dynamic = rawFields.find((candidate) => candidate['key'] === field.key)?.['dynamicChoices'];
    const dependsOn = isObject(dynamic) ? stringList(dynamic['dependsOn']) : [];
    return { ...field, dependsOn };
  });
}

function packEntries(installed: InstalledPack, list: 'actions' | 'triggers'): CatalogEntry[] {
  const { pack, manifest } = installed;
  const view = readManifest(manifest);
  return view[list].map((item) => {
    const raw = rawItem(manifest, list, item.key);
    return {
      use: `${pack.id}/${item.key}`,
      title: item.name,
      description: item.description ?? '',
      group: pack.name,
      packId: pack.id,
      ...(pack.icon !== undefined && { icon: pack.icon }),
      fields: packFormFields(withDependsOn(item.fields, raw)),
      sample: raw['sample'],
      needsConnection: view.auth.kind !== 'none',
      ...(list === 'triggers' && { triggerKind: item.kind }),
      ...(list === 'actions' && isObject(raw['dynamicFields']) && { dynamicFields: { dependsOn: stringList(raw['dynamicFields']['dependsOn']) } }),
    };
  });
}

export function buildCatalog(packs: InstalledPack[]): Catalog {
  const core = (entry: (typeof coreStepForms)[number] | (typeof coreTriggerForms)[number], group: string): CatalogEntry => ({
    use: entry.use,
    title: entry.title,
    description: entry.description,
    group,
    fields: entry.fields,
    sample: entry.sample,
    needsConnection: entry.connection !== undefined,
    ...(entry.connection && { packId: entry.connection.packId, connectionField: { label: entry.connection.label, description: entry.connection.description } }),
  });
  return {
    steps: [...coreStepForms.map((form) => core(form, form.group)), ...packs.flatMap((pack) => packEntries(pack, 'actions'))],
    triggers: [...coreTriggerForms.map((form) => core(form, 'Built in')), ...packs.flatMap((pack) => packEntries(pack, 'triggers'))],
  };
}

/** The entry a `use` names; a pinned `pack/key@2` finds `pack/key`. */
export function findEntry(entries: CatalogEntry[], use: string): CatalogEntry | undefined {
  const unpinned = use.replace(/@\d+$/, '');
  return entries.find((entry) => entry.use === unpinned);
}

/** Entries whose title, description, group or use contain every word of the search, case-insensitively. */
export function searchCatalog(entries: CatalogEntry[], query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    const haystack = `${entry.title} ${entry.description} ${entry.group} ${entry.use}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
