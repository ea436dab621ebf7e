/**
 * Shopify's error bodies: REST `{ "errors": "text" }` or `{ "errors": { "title": ["can't be blank"] } }`;
 * GraphQL answers HTTP 200 with `{ "errors": [{ "message", "extensions": { "code" } }] }` when the whole
 * request failed (THROTTLED when the query cost is over the shop's bucket), and 401 for a refused token.
 * The pack-wide mapping also reads the userErrors of the webhook subscription mutations (a trigger has no
 * mapping of its own); each action names its own mutation with `graphqlErrors`.
 */
export const shopifyErrors = {
  message: 'errors',
  code: 'errors[0].extensions.code',
  failWhen: [
    { path: 'errors[0]', present: true as const },
    { path: 'data.webhookSubscriptionCreate.userErrors[0]', present: true as const },
    { path: 'data.webhookSubscriptionDelete.userErrors[0]', present: true as const },
  ],
  retryCodes: ['THROTTLED'],
  byCode: {
    THROTTLED: "Shopify is throttling this app (the query cost is over the shop's limit); the step is tried again shortly.",
    ACCESS_DENIED: '{{body.errors[0].message}} Add the scope it names to the app (a custom app: its Admin API scopes) and reconnect.',
  },
  byStatus: {
    // Only one of these is there; a top-level error renders nothing here and is read from errors[0].message.
    '200': '{{body.data.webhookSubscriptionCreate.userErrors[0].message}}{{body.data.webhookSubscriptionDelete.userErrors[0].message}}',
    '401': 'Shopify refused the access token ({{body.errors}}); reconnect, or paste a new Admin API access token.',
    '402': "The shop is frozen until its Shopify bill is paid ({{body.errors}}).",
    '403': 'Shopify refused: {{body.errors}} (the app lacks a scope it needs; reconnect after adding it).',
    '404': 'Shopify found nothing there ({{body.errors}}); check the shop name.',
    '422': 'Shopify refused the values: {{body.errors | json}}',
    '423': 'The shop is locked ({{body.errors}}).',
  },
};

/**
 * For one GraphQL mutation or query: besides the top-level `errors`, a mutation's `userErrors` (HTTP 200,
 * `[{ field: ["product", "title"], message: "Title can't be blank" }]`) fail the step with their first message.
 */
export function graphqlErrors(operation: string) {
  return {
    ...shopifyErrors,
    message: `data.${operation}.userErrors[0].message`,
    failWhen: [
      { path: 'errors[0]', present: true as const },
      { path: `data.${operation}.userErrors[0]`, present: true as const },
    ],
  };
}
