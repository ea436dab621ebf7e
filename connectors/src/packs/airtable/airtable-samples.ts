// Shapes from airtable.com/developers/web/api: a record, and the answers of create, update and upsert.

export const sampleRecord = {
  id: 'recwPQIfs4wKPyc9D',
  createdTime: '2026-06-01T12:00:00.000Z',
  fields: { Name: 'Plan the launch', Status: 'In progress', Email: 'ada@example.com', 'Last Modified': '2026-06-01T12:05:00.000Z' },
};

export const sampleRecords = { items: [sampleRecord] };
