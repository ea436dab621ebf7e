import { z } from 'zod';
import { fieldSchema } from './field-schema.js';
import { fieldKeySchema, headerNameSchema, pathSchema, slugSchema, templateSchema } from './names.js';
import { paginationSchema } from './pagination-schema.js';
import { placesPollCursor } from './places-poll-cursor.js';
import { requestTemplateSchema } from './request-template-schema.js';
import { verificationSpecSchema } from './verification-spec-schema.js';

const credentialHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * How deliveries become events. Templates here see the delivery as `{{headers.*}}`, `{{query.*}}`,
 * `{{body.*}}`, plus `{{input.*}}` and `{{connection.*}}`; `event` templates see one event as `{{event.*}}`.
 */
const deliveryHandling = {
  verification: verificationSpecSchema.optional(),
  /** A batch payload: the body path of the list whose items become one event each. */
  events: pathSchema.optional(),
  /** The same key twice makes one run (the vendor's event or delivery id). Sees `event`, `headers`. */
  dedupe: templateSchema.optional(),
  /** Only events whose `value` renders to one of `oneOf` (a list, or a template naming a multiselect input). */
  filter: z.strictObject({ value: templateSchema, oneOf: z.union([z.array(z.string()), templateSchema]) }).optional(),
  /**
   * Delivery headers the run sees with each event, for vendors that name the event only there (GitHub's
   * `X-GitHub-Event`): added to each event that is a JSON object as `headers`, lower-case names
   * (`{{trigger.headers.x-github-event}}`, as a `core/webhook` event has them); `filter` and `dedupe` see
   * them as `{{event.headers.*}}`. Credential headers are refused.
   */
  /** Answer deliveries with the status alone, no body: Xero refuses a webhook whose answers have one. */
  emptyReply: z.boolean().default(false),
  eventHeaders: z
    .array(headerNameSchema.refine((name) => !credentialHeaders.has(name.toLowerCase()), 'carries credentials; a run never sees it'))
    .max(20)
    .optional(),
};

const triggerBase = {
  key: slugSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  input: z.array(fieldSchema).default([]),
  /** An example event, shown in the builder and used by test runs. */
  sample: z.unknown().optional(),
};

/**
 * A request that proves we own the URL, answered before verification: Slack's `url_verification` (echo
 * `challenge`), or the `X-Hook-Secret` echo used by Asana (the secret is then kept for verifying). Vendors
 * send it whether the URL was registered through their API (subscription) or pasted by the user (webhook).
 */
const handshakeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('slack_url_verification') }),
  z.strictObject({ type: z.literal('echo_header'), header: z.string().min(1).max(256) }),
  /**
   * Notion's verification request: one POST whose JSON body holds a token at `path`, which the user copies
   * back into the vendor's UI and which later signs deliveries. Kept once as `{{webhook.secret}}` and shown to
   * the trigger's editors; answered 200.
   */
  z.strictObject({ type: z.literal('body_token'), path: pathSchema.min(1) }),
  /**
   * A challenge in the JSON body, answered as `{ "<field>": <its value> }`: monday.com posts `{"challenge": …}`
   * to every new webhook URL. `when` limits it to bodies whose `path` equals a value (`slack_url_verification`
   * is this with `type` = `url_verification`). When the trigger is live it is verified like a delivery first.
   */
  z.strictObject({
    type: z.literal('challenge'),
    field: fieldKeySchema.default('challenge'),
    when: z.strictObject({ path: pathSchema.min(1), equals: z.string().max(200) }).optional(),
  }),
]);

/** The vendor is configured (by the user) to call our hook URL. */
export const webhookTriggerSchema = z.strictObject({ kind: z.literal('webhook'), ...triggerBase, ...deliveryHandling, handshake: handshakeSchema.optional() });

/**
 * We register the hook with the vendor on publish and remove it on unpublish. `subscribe` sees
 * `{{webhook.url}}` and `{{webhook.secret}}` (a secret we generate for vendors that take one);
 * `unsubscribe` and `renew` see the stored `{{subscription.id}}` and captured values.
 */
export const subscriptionTriggerSchema = z.strictObject({
  kind: z.literal('subscription'),
  ...triggerBase,
  ...deliveryHandling,
  subscribe: requestTemplateSchema,
  /** Path of the subscription id in the subscribe response body. */
  subscriptionId: pathSchema.default('id'),
  /** More values kept from the subscribe response, e.g. a signing secret the vendor generated. */
  capture: z.record(fieldKeySchema, pathSchema).optional(),
  unsubscribe: requestTemplateSchema,
  renew: z
    .strictObject({
      request: requestTemplateSchema,
      /** Renew this long before expiry. */
      beforeSeconds: z.number().int().min(60).max(30 * 86_400).default(3600),
      /** Fixed lifetime of a subscription; or `expiresAt`, a path in the (subscribe or renew) response. */
      everySeconds: z.number().int().min(300).max(365 * 86_400).optional(),
      expiresAt: pathSchema.optional(),
    })
    .optional(),
  handshake: handshakeSchema.optional(),
});

/**
 * We ask the vendor for new items on an interval (Zapier's contract): the first poll only records what
 * exists, an id once seen never fires again. `cursor` keeps the newest seen `field` value (ties broken by
 * id) as `{{poll.cursor}}`, sent as query `param` or placed by the request, so each poll asks only for
 * what is new. `order` says how the vendor lists items (runs start oldest first either way; spreadsheet rows come oldest first). `fetchEach` is one more request
 * per new item, for vendors whose list holds ids only (Gmail's `messages.list`): it sees `{{item.*}}`,
 * `input` and `connection`, and the event is its response at `output`. It runs only for items that fire
 * (never while seeding), before anything is committed, so a failure leaves them new for the next poll.
 */
export const pollTriggerSchema = z.strictObject({
  kind: z.literal('poll'),
  ...triggerBase,
  request: requestTemplateSchema,
  items: pathSchema,
  /** The vendor leaves the list out when it is empty (QuickBooks answers `"QueryResponse": {}`): a missing list is no items. */
  omitsEmptyItems: z.boolean().default(false),
  id: pathSchema.default('id'),
  intervalSeconds: z.number().int().min(60).max(86_400).default(300),
  cursor: z
    .strictObject({
      field: pathSchema,
      /** Query parameter the cursor is sent in; without it the request places `{{poll.cursor}}` itself (a search body, a SOQL clause). */
      param: z.string().min(1).max(200).optional(),
      /**
       * `{{poll.cursor}}` before any value is stored: empty (the vendor lists everything), or `now`, the time
       * of the seeding poll, kept as the cursor when that poll sees no item, so a vendor that lists oldest
       * first from an empty filter never replays old items and nothing made after seeding is missed.
       */
      initial: z.enum(['empty', 'now']).default('empty'),
      /** How a time we make is written; it is compared with the vendor's `field` values, so match them. */
      format: z.enum(['iso', 'epoch_ms']).default('iso'),
      /**
       * `{{poll.cursor}}` is this long before the newest time seen, for vendors whose search index lags
       * behind writes (HubSpot's CRM search): an item indexed late is still asked for; seen ids never fire again.
       */
      lagSeconds: z.number().int().min(0).max(3600).default(0),
    })
    .optional(),
  /**
   * For "updated" triggers: an item fires again when the value at this path changes (its modified time);
   * ids are then recorded as id plus revision.
   */
  revision: pathSchema.optional(),
  pagination: paginationSchema.optional(),
  order: z.enum(['newest_first', 'oldest_first']).default('newest_first'),
  fetchEach: z.strictObject({ request: requestTemplateSchema, output: pathSchema.default('') }).optional(),
}).superRefine((trigger, ctx) => {
  if (trigger.cursor && trigger.cursor.param === undefined && !placesPollCursor(trigger.request)) {
    ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'a cursor without param must be placed in the request as {{poll.cursor}} (or set param to send it as a query parameter)' });
  }
});

export const packTriggerSchema = z.discriminatedUnion('kind', [webhookTriggerSchema, subscriptionTriggerSchema, pollTriggerSchema]);
export type PackTrigger = z.output<typeof packTriggerSchema>;
