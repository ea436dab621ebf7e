import type { Field, PackManifest } from '@switchyard/connectors';
import type { PackChangeView } from '../contracts/pack.js';
import { canonicalJson } from './pack-digest.js';

/** One difference between two versions of a pack, as an upgrade shows it (schema in contracts). */
export type PackChange = PackChangeView;

interface Item {
  key: string;
  name: string;
  input: Field[];
  kind?: string;
  request?: unknown;
  output?: string | undefined;
}

const needsValue = (field: Field) => field.required && field.default === undefined;

function fieldChanges(target: PackChange['target'], key: string, before: Field[], after: Field[]): PackChange[] {
  const changes: PackChange[] = [];
  const old = new Map(before.map((field) => [field.key, field]));
  const now = new Map(after.map((field) => [field.key, field]));
  for (const field of after) {
    const previous = old.get(field.key);
    if (!previous) {
      const breaking = needsValue(field);
      changes.push({ target, key, change: 'field_added', field: field.key, breaking, message: `new ${breaking ? 'required ' : ''}field "${field.key}"` });
      continue;
    }
    if (needsValue(field) && !needsValue(previous)) {
      changes.push({ target, key, change: 'field_now_required', field: field.key, breaking: true, message: `field "${field.key}" is now required` });
    }
    if (field.type !== previous.type) {
      const message = `field "${field.key}" changed type from ${previous.type} to ${field.type}`;
      changes.push({ target, key, change: 'field_type_changed', field: field.key, breaking: true, message });
    }
  }
  for (const field of before) {
    if (!now.has(field.key)) changes.push({ target, key, change: 'field_removed', field: field.key, breaking: true, message: `field "${field.key}" was removed` });
  }
  return changes;
}

function itemChanges(target: 'action' | 'trigger', before: Item[], after: Item[]): PackChange[] {
  const changes: PackChange[] = [];
  const old = new Map(before.map((item) => [item.key, item]));
  const keys = new Set(after.map((item) => item.key));
  for (const item of after) {
    const previous = old.get(item.key);
    if (!previous) {
      changes.push({ target, key: item.key, change: 'added', breaking: false, message: `new ${target} "${item.name}"` });
      continue;
    }
    if (previous.kind !== item.kind) {
      changes.push({ target, key: item.key, change: 'kind_changed', breaking: true, message: `changed from ${previous.kind} to ${item.kind}` });
    }
    changes.push(...fieldChanges(target, item.key, previous.input, item.input));
    if (canonicalJson(previous.request) !== canonicalJson(item.request)) {
      changes.push({ target, key: item.key, change: 'request_changed', breaking: false, message: 'sends a different request to the vendor' });
    }
    if (previous.output !== item.output) {
      const message = `output now comes from "${item.output ?? '(whole body)'}" instead of "${previous.output ?? '(whole body)'}"`;
      changes.push({ target, key: item.key, change: 'output_changed', breaking: true, message });
    }
  }
  for (const item of before) {
    if (!keys.has(item.key)) changes.push({ target, key: item.key, change: 'removed', breaking: true, message: `${target} "${item.name}" was removed` });
  }
  return changes;
}

/** What a recipe author must know before moving from one version of a pack to another. */
export function packChanges(from: PackManifest, to: PackManifest): PackChange[] {
  const changes: PackChange[] = [];
  if (from.auth.kind !== to.auth.kind) {
    const message = `connections change from ${from.auth.kind} to ${to.auth.kind}; existing connections must be made again`;
    changes.push({ target: 'auth', key: to.auth.kind, change: 'auth_changed', breaking: true, message });
  }
  changes.push(...itemChanges('action', from.actions, to.actions));
  const triggerItems = (manifest: PackManifest): Item[] =>
    manifest.triggers.map((trigger) => ({ ...trigger, request: 'request' in trigger ? trigger.request : 'subscribe' in trigger ? trigger.subscribe : undefined, output: undefined }));
  changes.push(...itemChanges('trigger', triggerItems(from), triggerItems(to)));
  return changes;
}
