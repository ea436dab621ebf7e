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

export const propertiesField = (required: boolean, description: string): FieldInput => ({
  key: 'properties',
  label: 'Properties (JSON)',
  type: 'json',
  required,
  description,
});
