/** Test fixture: the webhook trigger `signer/events`, HMAC-signed (`x-signer-signature: sha256=<hex>`) with the connection's secret. */
export const signerEventsTrigger = {
  kind: 'webhook',
  key: 'events',
  name: 'Events',
  verification: { scheme: 'hmac', secret: '{{connection.webhook_secret}}', header: 'x-signer-signature', prefix: 'sha256=' },
};

/** Test fixture: a pack `signer` whose connection holds an API key and the webhook signing secret. */
export function signerPack(triggers: Record<string, unknown>[] = [signerEventsTrigger]) {
  return {
    id: 'signer',
    name: 'Signer',
    version: '1.0.0',
    engine: '^1.0.0',
    baseUrl: 'https://api.signer.test',
    auth: {
      kind: 'api_key',
      in: 'header',
      name: 'X-Api-Key',
      fields: [
        { key: 'api_key', label: 'API key', secret: true, required: true },
        { key: 'webhook_secret', label: 'Webhook signing secret', secret: true, required: true },
      ],
    },
    triggers,
  };
}
