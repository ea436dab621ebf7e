import type { FieldInput } from '../../manifest/field-schema.js';

/** Every database (data source) shared with the integration, found through /v1/search (one page of 100). */
export const dataSourceField: FieldInput = {
  key: 'data_source_id',
  label: 'Database',
  type: 'select',
  required: true,
  dynamicChoices: {
    request: { method: 'POST', path: '/search', json: { filter: { property: 'object', value: 'data_source' }, page_size: 100 } },
    items: 'results',
    label: '{{item.title[0].plain_text}}',
    value: '{{item.id}}',
  },
  description: 'A database shared with the integration (••• → Connections). Or map its data source ID (Database → ••• → Manage data sources → Copy data source ID).',
};

export const pageIdField: FieldInput = {
  key: 'page_id',
  label: 'Page',
  required: true,
  placeholder: '59833787-2cf9-4fdf-8782-e53db20768a5',
  description: 'The page or database item, e.g. {{trigger.id}} or the id from "Create database item".',
};

/**
 * Notion's value shape for each property type a page may set (developers.notion.com/reference/page-property-values).
 * The others (formula, rollup, created_*, last_edited_*, unique_id, button, verification, files) are read-only
 * or need an upload, so they are not offered. People and relations take IDs, as a list or comma-separated.
 */
const propertyTypes = {
  title: { type: 'string', value: { title: [{ text: { content: '{{value}}' } }] } },
  rich_text: { type: 'text', value: { rich_text: [{ text: { content: '{{value}}' } }] } },
  number: { type: 'number', value: { number: '{{value}}' } },
  select: { type: 'select', value: { select: { name: '{{value}}' } } },
  multi_select: { type: 'multiselect', value: { multi_select: "{{value | objects: 'name'}}" } },
  status: { type: 'select', value: { status: { name: '{{value}}' } } },
  date: { type: 'date', value: { date: { start: '{{value}}' } } },
  checkbox: { type: 'boolean', value: { checkbox: '{{value}}' } },
  email: { type: 'email', value: { email: '{{value}}' } },
  url: { type: 'url', value: { url: '{{value}}' } },
  phone_number: { type: 'string', value: { phone_number: '{{value}}' } },
  people: { type: 'string', value: { people: "{{value | objects: 'id'}}" } },
  relation: { type: 'string', value: { relation: "{{value | objects: 'id'}}" } },
} as const;

/**
 * The chosen data source's properties as typed fields (GET /v1/data_sources/{id}: `properties` keyed by name),
 * select, multi-select and status options as choices. `{{fields}}` is then the page's `properties` object.
 */
export function propertyFields(titleRequired: boolean) {
  return {
    request: { method: 'GET' as const, path: '/data_sources/{{input.data_source_id}}' },
    items: 'properties',
    when: { type: Object.keys(propertyTypes) },
    key: '{{item.name}}',
    label: '{{item.name}}',
    description: '{{item.description}}',
    type: '{{item.type}}',
    types: propertyTypes,
    ...(titleRequired && { required: { type: 'title' } }),
    choices: { items: ['select.options', 'multi_select.options', 'status.options'], label: '{{choice.name}}', value: '{{choice.name}}' },
    dependsOn: ['data_source_id'],
  };
}
