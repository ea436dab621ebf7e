// Shapes from developers.notion.com (API version 2025-09-03): a page in a data source, a list of blocks, a webhook event.

const user = { object: 'user', id: '4f4fd5a2-1c0e-4c2a-9b32-6f3a1a2b9c01' };

export const samplePage = {
  object: 'page',
  id: '59833787-2cf9-4fdf-8782-e53db20768a5',
  created_time: '2026-06-01T12:00:00.000Z',
  last_edited_time: '2026-06-01T12:05:00.000Z',
  created_by: user,
  last_edited_by: user,
  parent: { type: 'data_source_id', data_source_id: '1a44be12-0953-4631-b498-9e5817518db8', database_id: 'a8aec43c-8a5e-4a2e-9a4d-6f9b8f5b2f1e' },
  in_trash: false,
  archived: false,
  url: 'https://www.notion.so/Plan-the-launch-598337872cf94fdf8782e53db20768a5',
  public_url: null,
  properties: {
    Name: { id: 'title', type: 'title', title: [{ type: 'text', text: { content: 'Plan the launch', link: null }, plain_text: 'Plan the launch', href: null }] },
    Status: { id: 'Z%3ClH', type: 'status', status: { id: '86ddb6ec-0627-47f8-800d-b65afd28be13', name: 'In progress', color: 'blue' } },
    Due: { id: 'M%3BBw', type: 'date', date: { start: '2026-06-15', end: null, time_zone: null } },
  },
};

export const sampleBlocks = {
  object: 'list',
  results: [
    {
      object: 'block',
      id: 'c02fc1d3-db8b-45c5-a222-27595b15aea7',
      parent: { type: 'page_id', page_id: samplePage.id },
      created_time: '2026-06-01T12:06:00.000Z',
      last_edited_time: '2026-06-01T12:06:00.000Z',
      has_children: false,
      in_trash: false,
      type: 'paragraph',
      paragraph: { rich_text: [{ type: 'text', text: { content: 'Kick-off on Monday', link: null }, plain_text: 'Kick-off on Monday', href: null }], color: 'default' },
    },
  ],
  next_cursor: null,
  has_more: false,
  type: 'block',
  block: {},
};

export const sampleEvent = {
  id: '367cba44-b6f3-4c92-81e7-6a2e9659efd4',
  timestamp: '2026-06-01T12:05:30.000Z',
  workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
  workspace_name: 'Acme',
  subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
  integration_id: '0ef104cd-477e-4ec4-8b78-d8e0f27bc1c3',
  type: 'page.created',
  authors: [{ id: user.id, type: 'person' }],
  accessible_by: [{ id: user.id, type: 'person' }],
  attempt_number: 1,
  entity: { id: samplePage.id, type: 'page' },
  data: { parent: { id: '1a44be12-0953-4631-b498-9e5817518db8', type: 'data_source' } },
};
