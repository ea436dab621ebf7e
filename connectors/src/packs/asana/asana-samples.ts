// Shapes from Asana's API reference (developers.asana.com/reference), trimmed to what recipes read.

export const taskSample = {
  gid: '1204000000000001',
  resource_type: 'task',
  name: 'Reply to Ada about her order',
  notes: 'Her order has not arrived.',
  completed: false,
  due_on: '2026-12-01',
  assignee: { gid: '1200000000000001', resource_type: 'user', name: 'Grace Hopper' },
  projects: [{ gid: '1203000000000001', resource_type: 'project', name: 'Support' }],
  workspace: { gid: '1202000000000001', resource_type: 'workspace', name: 'Acme' },
  permalink_url: 'https://app.asana.com/0/1203000000000001/1204000000000001',
  created_at: '2026-11-20T12:00:00.000Z',
};

export const storySample = {
  gid: '1205000000000001',
  resource_type: 'story',
  type: 'comment',
  text: 'Followed up by email.',
  created_at: '2026-11-20T12:05:00.000Z',
  created_by: { gid: '1200000000000001', resource_type: 'user', name: 'Grace Hopper' },
};

export const taskEventSample = {
  user: { gid: '1200000000000001', resource_type: 'user' },
  created_at: '2026-11-20T12:00:00.000Z',
  action: 'added',
  resource: { gid: '1204000000000001', resource_type: 'task', resource_subtype: 'default_task' },
  parent: { gid: '1203000000000001', resource_type: 'project' },
};
