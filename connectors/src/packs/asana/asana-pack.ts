import { definePack } from '../define-pack.js';
import { storySample, taskEventSample, taskSample } from './asana-samples.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g fill="#f06a6a"><circle cx="12" cy="7" r="4.2"/>' +
  '<circle cx="6" cy="16" r="4.2"/><circle cx="18" cy="16" r="4.2"/></g></svg>';

const workspace = {
  key: 'workspace',
  label: 'Workspace',
  type: 'select' as const,
  required: true,
  dynamicChoices: { request: { path: '/workspaces', query: { limit: '100' } }, items: 'data', label: '{{item.name}}', value: '{{item.gid}}' },
};

const project = (key: string, label: string, description: string, required: boolean) => ({
  key,
  label,
  type: 'select' as const,
  required,
  description,
  dynamicChoices: {
    request: { path: '/projects', query: { workspace: '{{input.workspace}}', archived: 'false', limit: '100' } },
    items: 'data',
    label: '{{item.name}}',
    value: '{{item.gid}}',
    dependsOn: ['workspace'],
  },
});

const taskGid = { key: 'task_gid', label: 'Task ID', required: true, placeholder: '1204000000000001', description: 'The task’s gid: the last number in its address, or resource.gid of the trigger.' };
const taskFields = [
  { key: 'name', label: 'Name' },
  { key: 'notes', label: 'Description', type: 'text' as const, description: 'Plain text.' },
  { key: 'assignee', label: 'Assignee', description: 'A user gid, an email address, or "me".' },
  { key: 'due_on', label: 'Due date', type: 'date' as const },
];
const taskBody = { name: '{{input.name}}', notes: '{{input.notes}}', assignee: '{{input.assignee}}', due_on: '{{input.due_on}}' };

// The fields a recipe reads; Asana's compact task has only gid and name.
const taskOptFields = 'name,notes,completed,due_on,assignee.name,projects.name,workspace.name,permalink_url,created_at,modified_at';

const eventChoices = [
  ['Task added', 'task.added'],
  ['Task changed', 'task.changed'],
  ['Task removed from the project', 'task.removed'],
  ['Task deleted', 'task.deleted'],
  ['Task restored', 'task.undeleted'],
  ['Comment or activity added', 'story.added'],
].map(([label, value]) => ({ label: label!, value: value! }));

/**
 * Asana (https://developers.asana.com/reference): create, update, comment on and find tasks, and start
 * recipes from project webhooks Switchyard registers. Connects through an OAuth app or a personal access
 * token. Request and response bodies wrap their object in `data`; errors are `{ errors: [{ message }] }`.
 */
export const asanaPack = definePack({
  id: 'asana',
  name: 'Asana',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create, update, comment on and find Asana tasks; start recipes when tasks in a project change.',
  homepage: 'https://asana.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.app_url}}/-/oauth_authorize',
    tokenUrl: '{{connection.app_url}}/-/oauth_token',
    // Full access for the app's user; Asana issues a refresh token with every code exchange.
    scopes: ['default'],
    clientAuth: 'body',
    pasteToken: { label: 'Personal access token', description: 'Instead of an OAuth app: Asana → My settings → Apps → Developer apps → Create new token.' },
    fields: [
      { key: 'base_url', label: 'API base URL', type: 'url', required: true, default: 'https://app.asana.com/api/1.0', advanced: true, description: 'Change only for a proxy or a test server.' },
      { key: 'app_url', label: 'Sign-in base URL', type: 'url', required: true, default: 'https://app.asana.com', advanced: true, description: 'Where OAuth sign-in happens; change only for a test server.' },
    ],
    test: { method: 'GET', path: '/users/me' },
  },
  // Asana allows 150 requests a minute on free workspaces (1,500 on paid ones).
  throttle: { requests: 150, perSeconds: 60 },
  errors: {
    message: 'errors[0].message',
    byStatus: {
      '400': 'Asana refused the values sent: {{body.errors[0].message}}',
      '401': 'Asana refused the token ({{body.errors[0].message}}); reconnect, or paste a new personal access token.',
      '402': 'This needs a paid Asana workspace: {{body.errors[0].message}}',
      '403': 'This Asana user may not do that: {{body.errors[0].message}}',
      '404': 'Asana found no such task, project or workspace ({{body.errors[0].message}}).',
    },
  },
  actions: [
    {
      key: 'create-task',
      name: 'Create task',
      description: 'Adds a task to a workspace, optionally in projects.',
      input: [
        workspace,
        { ...project('projects', 'Projects', 'The projects the task belongs to; empty leaves it in My Tasks.', false), type: 'multiselect' as const },
        ...taskFields.map((field) => (field.key === 'name' ? { ...field, required: true } : field)),
      ],
      request: { method: 'POST', path: '/tasks', query: { opt_fields: taskOptFields }, json: { data: { ...taskBody, workspace: '{{input.workspace}}', projects: '{{input.projects}}' } } },
      output: 'data',
      sample: taskSample,
    },
    {
      key: 'update-task',
      name: 'Update task',
      description: 'Changes a task; fields left empty are kept.',
      input: [taskGid, ...taskFields, { key: 'completed', label: 'Completed', type: 'boolean' }],
      request: { method: 'PUT', path: '/tasks/{{input.task_gid}}', query: { opt_fields: taskOptFields }, json: { data: { ...taskBody, completed: '{{input.completed}}' } } },
      output: 'data',
      sample: { ...taskSample, completed: true },
    },
    {
      key: 'add-comment',
      name: 'Add comment',
      description: 'Adds a comment (a story) to a task.',
      input: [taskGid, { key: 'text', label: 'Comment', type: 'text', required: true }],
      request: { method: 'POST', path: '/tasks/{{input.task_gid}}/stories', json: { data: { text: '{{input.text}}' } } },
      output: 'data',
      sample: storySample,
    },
    {
      key: 'find-tasks',
      kind: 'search',
      name: 'Find tasks',
      description: 'Searches a workspace’s tasks by text (Asana’s search needs a paid workspace; it answers at most 100 tasks, newest changes first).',
      input: [
        workspace,
        { key: 'text', label: 'Text', required: true, description: 'Matched against names and descriptions.' },
        project('project', 'Only in project', 'Empty searches the whole workspace.', false),
        { key: 'completed', label: 'Completed', type: 'boolean', description: 'Empty finds both.' },
      ],
      request: {
        path: '/workspaces/{{input.workspace}}/tasks/search',
        query: { text: '{{input.text}}', 'projects.any': '{{input.project}}', completed: '{{input.completed}}', sort_by: 'modified_at', opt_fields: taskOptFields },
      },
      // Asana's search does not page: the step's output is the list itself.
      output: 'data',
      sample: [taskSample],
    },
    {
      key: 'list-project-tasks',
      kind: 'search',
      name: 'List tasks in a project',
      description: 'Every task of a project, over up to 10 pages of 100.',
      input: [workspace, project('project', 'Project', 'The project whose tasks to list.', true), { key: 'completed_since', label: 'Incomplete or completed since', type: 'datetime', description: 'Use "now" for incomplete tasks only; empty lists all.' }],
      request: { path: '/projects/{{input.project}}/tasks', query: { completed_since: '{{input.completed_since}}', limit: '100', opt_fields: taskOptFields } },
      pagination: { type: 'cursor', items: 'data', cursor: 'next_page.offset', param: 'offset' },
      sample: { items: [taskSample] },
    },
  ],
  triggers: [
    {
      kind: 'subscription',
      key: 'project-event',
      name: 'Task changed in a project',
      description: 'Switchyard registers an Asana webhook on the project when the recipe is published and removes it when unpublished.',
      input: [
        workspace,
        project('project', 'Project', 'The project to watch.', true),
        { key: 'events', label: 'Events', type: 'multiselect', required: true, choices: eventChoices, description: 'Other events are acknowledged and start no run.' },
      ],
      subscribe: { method: 'POST', path: '/webhooks', json: { data: { resource: '{{input.project}}', target: '{{webhook.url}}' } } },
      subscriptionId: 'data.gid',
      unsubscribe: { method: 'DELETE', path: '/webhooks/{{subscription.id}}' },
      // Asana calls our URL with X-Hook-Secret before it answers the create call; we echo it and sign-check with it.
      handshake: { type: 'echo_header', header: 'X-Hook-Secret' },
      verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'X-Hook-Signature' },
      // A heartbeat carries an empty list: answered 200, no run.
      events: 'events',
      filter: { value: '{{event.resource.resource_type}}.{{event.action}}', oneOf: '{{input.events}}' },
      // Asana events carry no id; a redelivery repeats the same resource, action, change and time.
      dedupe: '{{event.resource.gid}}:{{event.action}}:{{event.change.field}}:{{event.created_at}}',
      sample: taskEventSample,
    },
  ],
});
