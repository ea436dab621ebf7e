/**
 * The GraphQL Admin API documents the pack sends (API version 2025-10), with values always as variables, never
 * spliced into the text. Each mutation asks for `userErrors`, which Shopify answers inside an HTTP 200.
 */

const productFields = 'id title handle status vendor productType tags descriptionHtml createdAt updatedAt';
const userErrors = 'userErrors { field message }';

export const productCreate = `mutation productCreate($product: ProductCreateInput!) {
  productCreate(product: $product) { product { ${productFields} } ${userErrors} }
}`;

export const productUpdate = `mutation productUpdate($product: ProductUpdateInput!) {
  productUpdate(product: $product) { product { ${productFields} } ${userErrors} }
}`;

export const customerCreate = `mutation customerCreate($input: CustomerInput!) {
  customerCreate(input: $input) { customer { id email firstName lastName phone tags note createdAt } ${userErrors} }
}`;

export const ordersSearch = `query findOrders($query: String!, $first: Int!) {
  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes {
      id name email createdAt displayFinancialStatus displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id email }
    }
  }
}`;

export const inventoryAdjustQuantities = `mutation inventoryAdjustQuantities($input: InventoryAdjustQuantitiesInput!) {
  inventoryAdjustQuantities(input: $input) {
    inventoryAdjustmentGroup { createdAt reason referenceDocumentUri changes { name delta quantityAfterChange } }
    ${userErrors}
  }
}`;

export const locations = `query locations { locations(first: 100) { nodes { id name } } }`;

export const webhookSubscriptionCreate = `mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) { webhookSubscription { id topic uri } ${userErrors} }
}`;

export const webhookSubscriptionDelete = `mutation webhookSubscriptionDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId ${userErrors} }
}`;
