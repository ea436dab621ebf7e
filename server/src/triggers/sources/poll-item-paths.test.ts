import { pollTriggerSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { pollItemPaths } from './poll-item-paths.js';
import { planPoll, pollItemKey } from './poll-plan.js';

const spec = pollTriggerSchema.parse({
  kind: 'poll',
  key: 'updated-record',
  name: 'Updated record',
  input: [{ key: 'modified_field', label: 'Last modified field' }],
  request: { path: '/records', query: { filterByFormula: "IS_AFTER({{{input.modified_field}}}, '{{poll.cursor}}')" } },
  items: 'records',
  revision: 'fields.{{input.modified_field}}',
  cursor: { field: 'fields.{{input.modified_field}}', initial: 'now' },
});

describe('pollItemPaths', () => {
  it('fills the input into the revision and cursor paths, leaving plain paths alone', () => {
    const paths = pollItemPaths(spec, { modified_field: 'Last Modified' });
    expect(paths).toMatchObject({ id: 'id', revision: 'fields.Last Modified', cursor: { field: 'fields.Last Modified', initial: 'now' } });
    const item = { id: 'rec1', fields: { 'Last Modified': '2026-06-01T12:00:00.000Z' } };
    expect(pollItemKey(item, paths)).toBe('rec1@2026-06-01T12:00:00.000Z');
    expect(planPoll([item], paths, {}, new Set()).cursor).toEqual({ value: '2026-06-01T12:00:00.000Z', ids: ['rec1@2026-06-01T12:00:00.000Z'] });
  });
});
