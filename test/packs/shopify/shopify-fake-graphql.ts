import type { FakeReply as Reply, RecordedRequest } from '../../support/fake-vendor-server.js';

type Obj = Record<string, unknown>;

export interface ShopifyStore {
  products: Obj[];
  customers: Obj[];
  orders: Obj[];
  subscriptions: Map<string, { topic: string; uri: string }>;
  /** Quantities by `${inventoryItemId} ${locationId}` and quantity name. */
  inventory: Map<string, Record<string, number>>;
  /** How many more GraphQL calls answer THROTTLED. */
  throttleNext: number;
  nextId: number;
}

export const locations = [
  { id: 'gid://shopify/Location/1', name: 'Main warehouse' },
  { id: 'gid://shopify/Location/2', name: 'Shop floor' },
];

// The reasons and quantity names inventoryAdjustQuantities accepts (shopify.dev, "Inventory states").
const reasons = new Set(['correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received', 'movement_canceled', 'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage']);
const quantityNames = new Set(['available', 'damaged', 'quality_control', 'reserved', 'safety_stock']);
const topicPattern = /^[A-Z]+(?:_[A-Z]+)+$/;

const ok = (data: Obj): Reply => ({ status: 200, body: { data, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } } } } });
const topLevel = (message: string, code: string): Reply => ({ status: 200, body: { errors: [{ message, extensions: { code } }] } });
const userError = (operation: string, field: string[], message: string, extra: Obj = {}): Reply => ok({ [operation]: { ...extra, userErrors: [{ field, message }] } });
const now = () => '2025-10-01T12:00:00Z';

/** The GraphQL operation a document runs: the first field called inside its operation (`productCreate(`). */
function operationOf(query: string): string | undefined {
  return /^\s*(?:query|mutation)\b[^{]*\{\s*(\w+)/.exec(query)?.[1];
}

/**
 * Shopify's GraphQL Admin endpoint for the operations the pack sends. It reads the operation from the document
 * and the values from `variables` (as Shopify binds them), and answers like Shopify: refusals of a mutation as
 * `userErrors` in an HTTP 200, a spent cost bucket as a top-level THROTTLED error.
 */
export function answerGraphql(store: ShopifyStore, request: RecordedRequest): Reply {
  const body = request.json as { query?: unknown; variables?: unknown } | undefined;
  if (!String(request.headers['content-type']).startsWith('application/json') || typeof body?.query !== 'string') {
    return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
  }
  if (store.throttleNext > 0) {
    store.throttleNext--;
    return { status: 200, body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } } } } };
  }
  const variables = (body.variables ?? {}) as Obj;
  const operation = operationOf(body.query);
  switch (operation) {
    case 'productCreate':
      return productCreate(store, variables['product'] as Obj | undefined);
    case 'productUpdate':
      return productUpdate(store, variables['product'] as Obj | undefined);
    case 'customerCreate':
      return customerCreate(store, variables['input'] as Obj | undefined);
    case 'orders':
      return orders(store, variables);
    case 'inventoryAdjustQuantities':
      return inventoryAdjust(store, variables['input'] as Obj | undefined);
    case 'locations':
      return ok({ locations: { nodes: locations } });
    case 'webhookSubscriptionCreate':
      return subscribe(store, variables);
    case 'webhookSubscriptionDelete': {
      const id = String(variables['id']);
      if (!store.subscriptions.delete(id)) return userError(operation, ['id'], 'Webhook subscription does not exist', { deletedWebhookSubscriptionId: null });
      return ok({ [operation]: { deletedWebhookSubscriptionId: id, userErrors: [] } });
    }
    default:
      return topLevel(`Field '${operation ?? ''}' doesn't exist on type 'QueryRoot'`, 'undefinedField');
  }
}

function productCreate(store: ShopifyStore, input: Obj | undefined): Reply {
  if (!input) return topLevel('Variable $product of type ProductCreateInput! was provided invalid value', 'INVALID_VARIABLE');
  if (typeof input['title'] !== 'string' || input['title'].trim() === '') return userError('productCreate', ['title'], "Title can't be blank", { product: null });
  const product = {
    id: `gid://shopify/Product/${store.nextId++}`,
    handle: String(input['title']).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    status: 'ACTIVE',
    vendor: '',
    productType: '',
    tags: [],
    descriptionHtml: '',
    createdAt: now(),
    updatedAt: now(),
    ...input,
  };
  store.products.push(product);
  return ok({ productCreate: { product, userErrors: [] } });
}

function productUpdate(store: ShopifyStore, input: Obj | undefined): Reply {
  const product = store.products.find((candidate) => candidate['id'] === input?.['id']);
  if (!product) return userError('productUpdate', ['id'], 'Product does not exist', { product: null });
  if (input!['title'] !== undefined && String(input!['title']).trim() === '') return userError('productUpdate', ['title'], "Title can't be blank", { product: null });
  Object.assign(product, input, { updatedAt: now() });
  return ok({ productUpdate: { product, userErrors: [] } });
}

function customerCreate(store: ShopifyStore, input: Obj | undefined): Reply {
  if (!input || (!input['email'] && !input['phone'] && !input['firstName'] && !input['lastName'])) {
    return userError('customerCreate', ['input'], 'A name, phone number, or email address must be present', { customer: null });
  }
  if (input['email'] && store.customers.some((customer) => customer['email'] === input['email'])) return userError('customerCreate', ['email'], 'Email has already been taken', { customer: null });
  const customer = { id: `gid://shopify/Customer/${store.nextId++}`, firstName: null, lastName: null, phone: null, tags: [], note: null, createdAt: now(), ...input };
  store.customers.push(customer);
  return ok({ customerCreate: { customer, userErrors: [] } });
}

/** Search syntax: `name:"#1001"` or `email:"…"` (a quoted value, `\"` inside), newest first. */
function orders(store: ShopifyStore, variables: Obj): Reply {
  const first = variables['first'];
  if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > 250) return topLevel('The first argument must be between 1 and 250', 'BAD_REQUEST');
  const match = /^(name|email):"((?:[^"\\]|\\.)*)"$/.exec(String(variables['query']));
  const found = match ? store.orders.filter((order) => order[match[1]!] === match[2]!.replace(/\\(.)/g, '$1')) : [];
  return ok({ orders: { nodes: found.slice().reverse().slice(0, first as number) } });
}

function inventoryAdjust(store: ShopifyStore, input: Obj | undefined): Reply {
  const operation = 'inventoryAdjustQuantities';
  const changes = (input?.['changes'] ?? []) as Obj[];
  if (!reasons.has(String(input?.['reason']))) return userError(operation, ['input', 'reason'], 'The specified reason is invalid.', { inventoryAdjustmentGroup: null });
  if (!quantityNames.has(String(input?.['name']))) return userError(operation, ['input', 'name'], 'The quantity name must be one of: available, damaged, quality_control, reserved, safety_stock.', { inventoryAdjustmentGroup: null });
  const applied = [];
  for (const [index, change] of changes.entries()) {
    const key = `${String(change['inventoryItemId'])} ${String(change['locationId'])}`;
    const levels = store.inventory.get(key);
    if (!levels) return userError(operation, ['input', 'changes', String(index), 'inventoryItemId'], 'The specified inventory item could not be found at this location.', { inventoryAdjustmentGroup: null });
    if (!Number.isInteger(change['delta'])) return topLevel('Variable $input of type InventoryAdjustQuantitiesInput! was provided invalid value for changes.0.delta (Could not coerce value to Int)', 'INVALID_VARIABLE');
    const name = String(input!['name']);
    levels[name] = (levels[name] ?? 0) + (change['delta'] as number);
    applied.push({ name, delta: change['delta'], quantityAfterChange: null });
  }
  return ok({ [operation]: { inventoryAdjustmentGroup: { createdAt: now(), reason: input!['reason'], referenceDocumentUri: input!['referenceDocumentUri'] ?? null, changes: applied }, userErrors: [] } });
}

function subscribe(store: ShopifyStore, variables: Obj): Reply {
  const operation = 'webhookSubscriptionCreate';
  const topic = String(variables['topic']);
  const input = (variables['webhookSubscription'] ?? {}) as Obj;
  if (!topicPattern.test(topic)) return topLevel(`Variable $topic of type WebhookSubscriptionTopic! was provided invalid value (Expected "${topic}" to be one of: ORDERS_CREATE, …)`, 'INVALID_VARIABLE');
  const uri = input['uri'] ?? input['callbackUrl'];
  if (typeof uri !== 'string' || !URL.canParse(uri)) return userError(operation, ['webhookSubscription', 'callbackUrl'], 'Address is invalid', { webhookSubscription: null });
  if ([...store.subscriptions.values()].some((existing) => existing.topic === topic && existing.uri === uri)) {
    return userError(operation, ['webhookSubscription', 'callbackUrl'], 'Address for this topic has already been taken', { webhookSubscription: null });
  }
  const id = `gid://shopify/WebhookSubscription/${store.nextId++}`;
  store.subscriptions.set(id, { topic, uri });
  return ok({ [operation]: { webhookSubscription: { id, topic, uri }, userErrors: [] } });
}
