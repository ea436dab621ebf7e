import { objectField, soqlDateTime } from './salesforce-fields.js';
import { leadSample } from './salesforce-samples.js';

/**
 * A poll over SOQL: records of the chosen object whose `stamp` is at or after the newest seen (whole
 * seconds, so a tie at the cursor is asked again and the ids already seen are skipped), oldest first with
 * the id as tie-break, 200 at a time (FIELDS(ALL) allows at most 200). The cursor starts at the first
 * poll's time, so publishing never replays the org's history.
 */
function recordPoll(stamp: 'CreatedDate' | 'SystemModstamp') {
  return {
    kind: 'poll' as const,
    input: [objectField],
    request: {
      method: 'GET' as const,
      path: '/query',
      query: { q: `SELECT FIELDS(ALL) FROM {{input.object}} WHERE ${stamp} >= ${soqlDateTime('poll.cursor')} ORDER BY ${stamp} ASC, Id ASC LIMIT 200` },
    },
    items: 'records',
    id: 'Id',
    order: 'oldest_first' as const,
    intervalSeconds: 300,
    cursor: { field: stamp, initial: 'now' as const },
    sample: leadSample,
  };
}

export const salesforceTriggers = [
  {
    key: 'new-record',
    name: 'New record',
    description: 'A record of the chosen object was created (checked every 5 minutes by CreatedDate; records made before publishing do not start runs).',
    ...recordPoll('CreatedDate'),
  },
  {
    key: 'updated-record',
    name: 'New or updated record',
    description:
      'A record of the chosen object was created or changed (by SystemModstamp, checked every 5 minutes): each change starts one run.',
    ...recordPoll('SystemModstamp'),
    revision: 'SystemModstamp',
  },
];
