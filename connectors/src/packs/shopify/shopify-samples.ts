/** Example outputs, shaped as Shopify's Admin API 2025-10 answers them (ids are GraphQL global ids). */

export const productSample = {
  id: 'gid://shopify/Product/108828309',
  title: 'Sleek Cotton Shirt',
  handle: 'sleek-cotton-shirt',
  status: 'ACTIVE',
  vendor: 'Acme Apparel',
  productType: 'Shirts',
  tags: ['cotton', 'summer'],
  descriptionHtml: '<p>Soft and breathable.</p>',
  createdAt: '2025-10-01T12:00:00Z',
  updatedAt: '2025-10-01T12:00:00Z',
};

export const customerSample = {
  id: 'gid://shopify/Customer/1073339466',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+16135550135',
  tags: ['vip'],
  note: 'Met at the trade fair',
  createdAt: '2025-10-01T12:00:00Z',
};

export const orderSample = {
  id: 'gid://shopify/Order/148977776',
  name: '#1001',
  email: 'ada@example.com',
  createdAt: '2025-10-01T12:00:00Z',
  displayFinancialStatus: 'PAID',
  displayFulfillmentStatus: 'UNFULFILLED',
  totalPriceSet: { shopMoney: { amount: '199.00', currencyCode: 'USD' } },
  customer: { id: 'gid://shopify/Customer/1073339466', email: 'ada@example.com' },
};

export const inventoryAdjustmentSample = {
  createdAt: '2025-10-01T12:00:00Z',
  reason: 'correction',
  referenceDocumentUri: 'gid://shopify/Order/148977776',
  changes: [{ name: 'available', delta: -2, quantityAfterChange: null }],
};

/** An `orders/create` delivery (trimmed) with the headers the run sees. */
export const orderWebhookSample = {
  id: 820982911946154500,
  admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
  name: '#9999',
  email: 'jon@example.com',
  created_at: '2025-10-01T12:00:00-04:00',
  currency: 'USD',
  total_price: '403.00',
  financial_status: 'paid',
  customer: { id: 115310627314723950, email: 'john@example.com', first_name: 'John', last_name: 'Smith' },
  line_items: [{ id: 866550311766439000, variant_id: 808950810, sku: 'IPOD2008PINK', title: 'IPod Nano - 8GB', quantity: 1, price: '199.00' }],
  headers: {
    'x-shopify-topic': 'orders/create',
    'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-shop-domain': 'my-store.myshopify.com',
    'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    'x-shopify-triggered-at': '2025-10-01T16:00:00.123456789Z',
  },
};
