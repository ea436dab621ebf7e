import { emailStepFields } from './email-step-form';
import type { FormField } from './form-field';

/** What the builder knows about a core step: how it is listed, its form, and an example output for pills. */
export interface CoreStepForm {
  use: string;
  title: string;
  description: string;
  group: 'Flow' | 'Data' | 'Messaging' | 'Developer';
  fields: FormField[];
  /** The step acts through an account of this pack (the step's `connection`), picked above its form. */
  connection?: { packId: string; label: string; description: string };
  /** The output's shape, so later steps can pick pills before this step has run. */
  sample: unknown;
}

const choices = (values: string[]) => values.map((value) => ({ label: value, value }));

export const coreStepForms: readonly CoreStepForm[] = [
  {
    use: 'core/filter',
    title: 'Only continue if…',
    description: 'Stops the run, without failing it, unless the conditions hold.',
    group: 'Flow',
    fields: [{ key: '', label: 'Conditions', kind: 'conditions', required: true }],
    sample: { passed: true },
  },
  {
    use: 'core/paths',
    title: 'Paths',
    description: 'Runs the first path whose conditions hold (or every matching path).',
    group: 'Flow',
    fields: [{ key: 'paths', label: 'Paths', kind: 'paths', required: true }],
    sample: { matched: ['Path A'] },
  },
  {
    use: 'core/loop',
    title: 'Loop',
    description: 'Runs the steps inside it once for every item of a list ({{loop.item}}, {{loop.index}}).',
    group: 'Flow',
    fields: [{ key: 'items', label: 'List to go through', kind: 'text', required: true, description: 'Insert a list from an earlier step.' }],
    sample: { count: 1, items: [] },
  },
  {
    use: 'core/delay',
    title: 'Delay',
    description: 'Waits for a while or until a moment; the wait survives restarts.',
    group: 'Flow',
    fields: [
      { key: 'for.minutes', label: 'Minutes', kind: 'number', required: false },
      { key: 'for.hours', label: 'Hours', kind: 'number', required: false },
      { key: 'for.days', label: 'Days', kind: 'number', required: false },
      { key: 'until', label: 'Or until (date and time)', kind: 'text', required: false, placeholder: '2030-01-01T09:00:00Z' },
    ],
    sample: { resumedAt: '2030-01-01T09:00:00.000Z' },
  },
  {
    use: 'core/approval',
    title: 'Wait for approval',
    description: 'Pauses the run until someone approves or rejects; the steps inside it send the links.',
    group: 'Flow',
    fields: [
      { key: 'message', label: 'Message', kind: 'textarea', required: false },
      { key: 'timeoutHours', label: 'Give up after (hours)', kind: 'number', required: false, default: 72 },
    ],
    sample: { approveUrl: 'https://example.com/approve', rejectUrl: 'https://example.com/reject', message: null, expiresAt: '2030-01-01T00:00:00.000Z', decision: 'approved' },
  },
  {
    use: 'core/sub-recipe',
    title: 'Call another recipe',
    description: 'Runs another published recipe with this input and uses its result.',
    group: 'Flow',
    fields: [
      { key: 'recipe', label: 'Recipe id', kind: 'text', required: true },
      { key: 'input', label: 'Input', kind: 'json', required: false },
      { key: 'timeoutMinutes', label: 'Give up after (minutes)', kind: 'number', required: false, default: 60 },
    ],
    sample: { runId: 'run_…', status: 'succeeded', output: {} },
  },
  {
    use: 'core/formatter',
    title: 'Format data',
    description: 'Transforms text, numbers, dates and lists.',
    group: 'Data',
    fields: [
      // The server lists the operations (with one line of help each), so a new one needs no change here.
      { key: 'operation', label: 'Operation', kind: 'select', required: true, dynamic: { dependsOn: [] } },
      { key: 'value', label: 'Value', kind: 'text', required: false },
      { key: 'options', label: 'Options', kind: 'json', required: false, description: 'e.g. { "separator": "," } for text.split' },
    ],
    sample: { value: 'formatted' },
  },
  {
    use: 'core/storage',
    title: 'Storage',
    description: 'Keeps small values between runs, per recipe or shared.',
    group: 'Data',
    fields: [
      { key: 'operation', label: 'Operation', kind: 'select', required: true, choices: choices(['get', 'set', 'delete', 'increment']) },
      { key: 'scope', label: 'Scope', kind: 'select', required: false, choices: choices(['recipe', 'global']), default: 'recipe' },
      { key: 'key', label: 'Key', kind: 'text', required: true },
      { key: 'value', label: 'Value (set)', kind: 'text', required: false },
      { key: 'by', label: 'By (increment)', kind: 'number', required: false },
    ],
    sample: { key: 'counter', value: 1, found: true },
  },
  {
    use: 'core/email',
    title: 'Send email',
    description: 'Sends an email through an SMTP account: text and HTML, attachments, Cc, Bcc and Reply-To.',
    group: 'Messaging',
    connection: { packId: 'smtp', label: 'SMTP account', description: 'The mail server and login the message is sent through.' },
    fields: emailStepFields,
    sample: { messageId: '<…@example.com>', accepted: ['ada@example.com'], rejected: [], response: '250 OK' },
  },
  {
    use: 'core/emit',
    title: 'Emit an event',
    description: 'Sends a named event with a JSON payload to the tools subscribed to it (Zapier, Make, n8n).',
    group: 'Messaging',
    fields: [
      {
        key: 'name',
        label: 'Event name',
        kind: 'text',
        required: true,
        placeholder: 'order.created',
        description: 'Subscriptions to recipe.emitted may ask for this name only. Letters, digits and _ . : -',
      },
      { key: 'payload', label: 'Payload', kind: 'json', required: false, description: 'The JSON the subscribers receive as data.payload; insert values from earlier steps.' },
    ],
    sample: { name: 'order.created', queued: 1 },
  },
  {
    use: 'core/http',
    title: 'HTTP request',
    description: 'Calls any HTTP API; retries connection errors, timeouts, 429 and 5xx.',
    group: 'Developer',
    fields: [
      { key: 'method', label: 'Method', kind: 'select', required: true, choices: choices(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']), default: 'GET' },
      { key: 'url', label: 'URL', kind: 'url', required: true, placeholder: 'https://api.example.com/orders' },
      { key: 'headers', label: 'Headers', kind: 'keyValue', required: false },
      { key: 'query', label: 'Query parameters', kind: 'keyValue', required: false },
      { key: '', label: 'Body', kind: 'httpBody', required: false, covers: ['json', 'form', 'body'] },
      { key: 'failOnError', label: 'Fail the step on 4xx/5xx answers', kind: 'boolean', required: false, default: true },
    ],
    sample: { status: 200, headers: { 'content-type': 'application/json' }, body: {} },
  },
  {
    use: 'core/code',
    title: 'Code',
    description: 'Runs JavaScript in a sandbox; its return value is the output.',
    group: 'Developer',
    fields: [
      { key: 'code', label: 'Code', kind: 'code', required: true, placeholder: 'return { total: input.items.length }' },
      { key: 'input', label: 'Input', kind: 'json', required: false },
    ],
    sample: { result: null, logs: [] },
  },
];

export const coreTriggerForms: readonly Omit<CoreStepForm, 'group'>[] = [
  {
    use: 'core/webhook',
    title: 'Webhook',
    description: 'Starts a run for every HTTP request sent to the recipe’s URL.',
    fields: [
      { key: 'dedupe', label: 'Deduplicate by', kind: 'text', required: false, description: 'A template over the request, e.g. {{body.id}}: the same key twice makes one run.' },
      { key: 'response.mode', label: 'Answer', kind: 'select', required: false, choices: [{ label: '202 at once', value: 'accepted' }, { label: 'Wait for the run’s result', value: 'result' }] },
    ],
    sample: { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: {} },
  },
  {
    use: 'core/schedule',
    title: 'Schedule',
    description: 'Starts a run on a cron schedule or at a fixed interval.',
    fields: [
      { key: 'cron', label: 'Cron expression', kind: 'text', required: false, placeholder: '0 9 * * 1-5' },
      { key: 'intervalSeconds', label: 'Or every (seconds)', kind: 'integer', required: false },
      { key: 'timezone', label: 'Time zone', kind: 'text', required: false, placeholder: 'UTC' },
    ],
    sample: { scheduledAt: '2030-01-01T09:00:00.000Z', firedAt: '2030-01-01T09:00:00.120Z', timezone: 'UTC' },
  },
  {
    use: 'core/manual',
    title: 'Manual',
    description: 'Starts a run when someone clicks Run or calls the API.',
    fields: [{ key: 'sample', label: 'Example input', kind: 'json', required: false }],
    sample: { body: {}, startedBy: 'someone@example.com' },
  },
  {
    use: 'core/recipe-failed',
    title: 'A recipe failed',
    description: 'Starts a run when a run of another recipe fails.',
    fields: [
      { key: 'recipes', label: 'Only these recipe ids (a JSON list)', kind: 'json', required: false },
      {
        key: 'alerts',
        label: 'Also start on integration alerts',
        kind: 'boolean',
        required: false,
        default: false,
        description: 'A connection needing reconnection or failing, a webhook trigger gone silent, a poll failing: the event is { kind: "integration_alert", alert, url }.',
      },
    ],
    sample: { body: { recipe: { id: 'rcp_…', name: 'Orders' }, run: { id: 'run_…', url: 'https://…/runs/run_…' }, error: { code: 'HTTP_500', message: '…' }, failedAt: 1893456000000 } },
  },
];

export function coreStepForm(use: string): CoreStepForm | undefined {
  return coreStepForms.find((form) => form.use === use);
}

export function coreTriggerForm(use: string): Omit<CoreStepForm, 'group'> | undefined {
  return coreTriggerForms.find((form) => form.use === use);
}
