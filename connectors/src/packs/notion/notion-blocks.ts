import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { sampleBlocks } from './notion-samples.js';

type Action = NonNullable<PackManifestInput['actions']>[number];

const pageField = {
  key: 'page_id',
  label: 'Page',
  required: true,
  placeholder: '59833787-2cf9-4fdf-8782-e53db20768a5',
  description: 'The page (or block) to add to, e.g. {{trigger.id}} from a new database item. The integration must have access to it.',
};

// Notion keys a block's content by its type (`{ "type": "to_do", "to_do": { … } }`) and a template never writes
// an object key, so each kind of block is its own action; a rich text item holds at most 2,000 characters.
const kinds = [
  { type: 'paragraph', key: 'append-paragraph', name: 'Append paragraph', what: 'a paragraph' },
  { type: 'heading_2', key: 'append-heading', name: 'Append heading', what: 'a heading (Notion’s heading 2)' },
  { type: 'bulleted_list_item', key: 'append-bulleted-item', name: 'Append bulleted list item', what: 'a bulleted list item' },
  { type: 'to_do', key: 'append-to-do', name: 'Append to-do', what: 'a to-do (checkbox) item' },
] as const;

function appendAction(kind: (typeof kinds)[number]): Action {
  const toDo = kind.type === 'to_do';
  return {
    key: kind.key,
    name: kind.name,
    description: `Adds ${kind.what} at the end of a page (PATCH /v1/blocks/{id}/children).`,
    input: [
      pageField,
      { key: 'text', label: 'Text', type: 'text', required: true, description: 'Plain text, at most 2,000 characters (longer text is cut).' },
      ...(toDo ? [{ key: 'checked', label: 'Checked', type: 'boolean' as const, default: false, description: 'Tick the to-do.' }] : []),
    ],
    request: {
      method: 'PATCH',
      path: '/blocks/{{input.page_id}}/children',
      json: {
        children: [
          {
            object: 'block',
            type: kind.type,
            [kind.type]: {
              rich_text: [{ type: 'text', text: { content: '{{input.text | truncate: 2000}}' } }],
              ...(toDo && { checked: '{{input.checked}}' }),
            },
          },
        ],
      },
    },
    output: 'results',
    sample: sampleBlocks.results,
  };
}

/** Append paragraph, heading, bulleted list item and to-do. */
export const notionBlockActions: Action[] = kinds.map(appendAction);
