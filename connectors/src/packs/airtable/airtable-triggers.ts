import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { baseField, tableField } from './airtable-fields.js';
import { sampleRecord } from './airtable-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

const recordsPath = '/{{input.base_id}}/{{input.table}}';
// Airtable pages by an opaque `offset` token in the answer, sent back as the `offset` parameter.
const pagination = { type: 'cursor' as const, items: 'records', cursor: 'offset', param: 'offset', maxPages: 10 };
const viewField = { key: 'view', label: 'View', description: 'Only records in this view (its name or ID): a filtered view makes a trigger for just those records.' };

export const airtableTriggers: Triggers = [
  {
    kind: 'poll',
    key: 'new-record',
    name: 'New record',
    description: 'Checks a table (or one of its views) every 5 minutes for records created since the last check; records made before the trigger was published never start a run.',
    input: [baseField, tableField, viewField],
    request: {
      method: 'GET',
      path: recordsPath,
      // CREATED_TIME() is every record's creation time; on or after the newest seen (ids break ties).
      query: { filterByFormula: "NOT(IS_BEFORE(CREATED_TIME(), '{{poll.cursor}}'))", view: '{{input.view}}', pageSize: '100' },
    },
    items: 'records',
    cursor: { field: 'createdTime', initial: 'now' },
    pagination,
    order: 'oldest_first',
    sample: sampleRecord,
  },
  {
    kind: 'poll',
    key: 'updated-record',
    name: 'New or updated record',
    description: 'Checks a table every 5 minutes for records changed since the last check, by a "Last modified time" field of the table.',
    input: [
      baseField,
      tableField,
      {
        key: 'modified_field',
        label: 'Last modified time field',
        required: true,
        placeholder: 'Last Modified',
        description: 'The name of a field of type "Last modified time" (add one to the table if it has none). Each change it records starts one run.',
      },
      viewField,
    ],
    request: {
      method: 'GET',
      path: recordsPath,
      query: {
        filterByFormula: "IS_AFTER({{{input.modified_field}}}, '{{poll.cursor}}')",
        'sort[0][field]': '{{input.modified_field}}',
        'sort[0][direction]': 'asc',
        view: '{{input.view}}',
        pageSize: '100',
      },
    },
    items: 'records',
    cursor: { field: 'fields.{{input.modified_field}}', initial: 'now' },
    revision: 'fields.{{input.modified_field}}',
    pagination,
    order: 'oldest_first',
    sample: sampleRecord,
  },
];
