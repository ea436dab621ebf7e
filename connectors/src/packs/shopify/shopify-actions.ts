import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { graphqlErrors } from './shopify-errors.js';
import * as documents from './shopify-graphql.js';
import { customerSample, inventoryAdjustmentSample, orderSample, productSample } from './shopify-samples.js';

type Actions = NonNullable<PackManifestInput['actions']>;

/** Every call goes to the one GraphQL endpoint; an empty input is left out of the variables, never sent as null (which would clear it). */
const graphql = (query: string, variables: Record<string, unknown>) => ({ method: 'POST' as const, path: '/graphql.json', json: { query, variables } });

const statusField = {
  key: 'status',
  label: 'Status',
  type: 'select' as const,
  description: 'Active products are on sale; drafts are hidden. Shopify makes a new product active unless told otherwise.',
  choices: [
    { label: 'Active', value: 'ACTIVE' },
    { label: 'Draft', value: 'DRAFT' },
    { label: 'Archived', value: 'ARCHIVED' },
  ],
};

const productFields = [
  { key: 'descriptionHtml', label: 'Description (HTML)', type: 'text' as const, description: 'Shown on the product page, e.g. <p>Soft and breathable.</p>' },
  { key: 'vendor', label: 'Vendor', description: 'The brand or maker.' },
  { key: 'productType', label: 'Product type', placeholder: 'Shirts', description: 'Your own category, used in collections and search.' },
  { key: 'tags', label: 'Tags', placeholder: 'cotton, summer', description: 'Comma-separated.' },
  statusField,
  { key: 'handle', label: 'Handle', placeholder: 'sleek-cotton-shirt', description: 'The last part of the product URL; made from the title when empty.' },
];

// "cotton, summer" → ["cotton", "summer"]: Shopify keeps a tag's own spaces but not those after the commas.
const tagList = "{{input.tags | replace: ', ', ',' | split: ','}}";

const productVariables = {
  descriptionHtml: '{{input.descriptionHtml}}',
  vendor: '{{input.vendor}}',
  productType: '{{input.productType}}',
  tags: tagList,
  status: '{{input.status}}',
  handle: '{{input.handle}}',
};

const gidDescription = (kind: string, where: string) => `A global id such as gid://shopify/${kind}/123 (${where}).`;

const inventoryReasons = [
  ['Correction', 'correction'],
  ['Cycle count', 'cycle_count_available'],
  ['Damaged', 'damaged'],
  ['Promotion or donation', 'promotion'],
  ['Quality control', 'quality_control'],
  ['Received', 'received'],
  ['Restock', 'restock'],
  ['Safety stock', 'safety_stock'],
  ['Shrinkage (theft, loss)', 'shrinkage'],
  ['Other', 'other'],
].map(([label, value]) => ({ label: label!, value: value! }));

export const shopifyActions: Actions = [
  {
    key: 'create-product',
    name: 'Create product',
    description: 'Adds a product (GraphQL productCreate). Shopify gives it one default variant; prices and stock are set on variants.',
    input: [{ key: 'title', label: 'Title', required: true, placeholder: 'Sleek Cotton Shirt' }, ...productFields],
    request: graphql(documents.productCreate, { product: { title: '{{input.title}}', ...productVariables } }),
    output: 'data.productCreate.product',
    errors: graphqlErrors('productCreate'),
    sample: productSample,
  },
  {
    key: 'update-product',
    name: 'Update product',
    description: 'Changes the fields you fill in (GraphQL productUpdate); empty fields are left as they are.',
    input: [
      { key: 'id', label: 'Product ID', required: true, description: gidDescription('Product', 'the id output of "Create product", or admin_graphql_api_id in a webhook') },
      { key: 'title', label: 'Title' },
      ...productFields,
    ],
    request: graphql(documents.productUpdate, { product: { id: '{{input.id}}', title: '{{input.title}}', ...productVariables } }),
    output: 'data.productUpdate.product',
    errors: graphqlErrors('productUpdate'),
    sample: productSample,
  },
  {
    key: 'find-orders',
    kind: 'search',
    name: 'Find orders',
    description:
      'Orders whose name (#1001) or customer email is exactly this, newest first. Without the read_all_orders scope Shopify searches the last 60 days only.',
    input: [
      {
        key: 'by',
        label: 'Find by',
        type: 'select',
        required: true,
        default: 'name',
        choices: [{ label: 'Order name (#1001)', value: 'name' }, { label: 'Customer email', value: 'email' }],
      },
      { key: 'value', label: 'Value', required: true, placeholder: '#1001' },
      { key: 'limit', label: 'At most', type: 'integer', default: 10, description: 'Between 1 and 250.' },
    ],
    // Shopify's search syntax; the value is quoted (its own quotes escaped), so it is one term, not more syntax.
    request: graphql(documents.ordersSearch, { query: `{{input.by}}:"{{input.value | replace: '"', '\\\\"'}}"`, first: '{{input.limit | default: 10}}' }),
    output: 'data.orders.nodes',
    sideEffect: false,
    errors: graphqlErrors('orders'),
    sample: [orderSample],
  },
  {
    key: 'create-customer',
    name: 'Create customer',
    description: 'Adds a customer (GraphQL customerCreate). Shopify refuses an email or phone another customer already has.',
    input: [
      { key: 'email', label: 'Email', type: 'email', description: 'An email or a phone number is required.' },
      { key: 'firstName', label: 'First name' },
      { key: 'lastName', label: 'Last name' },
      { key: 'phone', label: 'Phone', placeholder: '+16135550135', description: 'In international (E.164) format.' },
      { key: 'tags', label: 'Tags', placeholder: 'vip, newsletter', description: 'Comma-separated.' },
      { key: 'note', label: 'Note', type: 'text', description: 'Only staff see it.' },
    ],
    request: graphql(documents.customerCreate, {
      input: {
        email: '{{input.email}}',
        firstName: '{{input.firstName}}',
        lastName: '{{input.lastName}}',
        phone: '{{input.phone}}',
        tags: tagList,
        note: '{{input.note}}',
      },
    }),
    output: 'data.customerCreate.customer',
    errors: graphqlErrors('customerCreate'),
    sample: customerSample,
  },
  {
    key: 'adjust-inventory',
    name: 'Adjust inventory',
    description: 'Adds to or takes from the stock of one item at one location (GraphQL inventoryAdjustQuantities), with a reason kept in the inventory history.',
    input: [
      { key: 'inventoryItemId', label: 'Inventory item ID', required: true, description: gidDescription('InventoryItem', "a variant's inventoryItem.id") },
      {
        key: 'locationId',
        label: 'Location',
        type: 'select',
        required: true,
        dynamicChoices: { request: graphql(documents.locations, {}), items: 'data.locations.nodes', label: '{{item.name}}', value: '{{item.id}}' },
      },
      { key: 'delta', label: 'Change', type: 'integer', required: true, description: 'How many to add (5) or take away (-2).' },
      { key: 'reason', label: 'Reason', type: 'select', required: true, default: 'correction', choices: inventoryReasons },
      {
        key: 'name',
        label: 'Quantity',
        type: 'select',
        required: true,
        default: 'available',
        choices: [{ label: 'Available', value: 'available' }, { label: 'Damaged', value: 'damaged' }, { label: 'Quality control', value: 'quality_control' }, { label: 'Safety stock', value: 'safety_stock' }, { label: 'Reserved', value: 'reserved' }],
      },
      { key: 'referenceDocumentUri', label: 'Reference', placeholder: 'gid://shopify/Order/148977776', description: 'What caused the change, kept with it (an order id, or your own URI).' },
    ],
    request: graphql(documents.inventoryAdjustQuantities, {
      input: {
        reason: '{{input.reason}}',
        name: '{{input.name}}',
        referenceDocumentUri: '{{input.referenceDocumentUri}}',
        changes: [{ inventoryItemId: '{{input.inventoryItemId}}', locationId: '{{input.locationId}}', delta: '{{input.delta}}' }],
      },
    }),
    output: 'data.inventoryAdjustQuantities.inventoryAdjustmentGroup',
    errors: graphqlErrors('inventoryAdjustQuantities'),
    sample: inventoryAdjustmentSample,
  },
];
