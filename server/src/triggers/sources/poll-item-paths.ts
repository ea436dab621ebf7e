import { renderTemplate } from '../../templates/index.js';
import type { PollTrigger } from './poll-trigger.js';

const asPath = (rendered: unknown) => (typeof rendered === 'string' ? rendered : String(rendered ?? ''));

/**
 * A poll's item paths (`id`, `revision`, `cursor.field`) with the trigger's input filled in, for vendors whose
 * item carries the value under a name the user picks: Airtable's `fields.{{input.modified_field}}`.
 */
export function pollItemPaths(spec: PollTrigger, input: Record<string, unknown>): PollTrigger {
  const render = (path: string) => asPath(renderTemplate(path, { input }));
  return {
    ...spec,
    id: render(spec.id),
    ...(spec.revision !== undefined && { revision: render(spec.revision) }),
    ...(spec.cursor && { cursor: { ...spec.cursor, field: render(spec.cursor.field) } }),
  };
}
