import { describe, expect, it } from 'vitest';
import { MAX_PREVIOUS_SECRETS } from '../verification/verification-config.js';
import { packSigningSecrets } from './pack-signing-secrets.js';

describe('pack signing secrets', () => {
  const scope = { connection: { webhook_secret: 'now', prefix: 'p', api_key: 'key' }, webhook: { secret: '' } };

  it('renders the current secret and one per previous value of the fields the template uses', () => {
    const previousFields = { webhook_secret: ['old-1', 'old-2'], api_key: ['old-key'] };
    expect(packSigningSecrets('{{connection.webhook_secret}}', scope, previousFields)).toEqual({ secret: 'now', previousSecrets: ['old-1', 'old-2'] });
    expect(packSigningSecrets('{{connection.prefix}}-{{connection.webhook_secret}}', scope, { ...previousFields, prefix: ['q'] })).toEqual({
      secret: 'p-now',
      previousSecrets: ['p-old-1', 'p-old-2', 'q-now'],
    });
  });

  it('drops empties and repeats, caps the previous ones, and has no current secret when it renders empty', () => {
    const previousFields = { webhook_secret: ['', 'now', 'a', 'a', 'b', 'c', 'd', 'e', 'f'] };
    const { previousSecrets } = packSigningSecrets('{{connection.webhook_secret}}', scope, previousFields);
    expect(previousSecrets).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(previousSecrets).toHaveLength(MAX_PREVIOUS_SECRETS);
    expect(packSigningSecrets('{{webhook.secret}}', scope, previousFields)).toEqual({ secret: undefined, previousSecrets: [] });
  });
});
