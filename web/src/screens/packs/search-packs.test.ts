import type { PackSummary } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { searchPacks } from './search-packs';

const pack = (id: string, name: string, more: Partial<PackSummary> = {}): PackSummary => ({
  id,
  name,
  newest: '1.0.0',
  versions: ['1.0.0'],
  builtIn: true,
  actions: 0,
  triggers: 0,
  actionNames: [],
  triggerNames: [],
  auth: 'api_key',
  ...more,
});

const packs = [
  pack('stripe', 'Stripe', { actionNames: ['Create refund', 'Create customer'], triggerNames: ['New event'] }),
  pack('slack', 'Slack', { auth: 'oauth2', pasteToken: 'Bot token', actionNames: ['Send message to channel'] }),
  pack('acme', 'Acme CRM', { builtIn: false, description: 'Contacts and deals' }),
];

describe('searchPacks', () => {
  it('finds packs by every word, in names, ids, descriptions, sign-in and operations, sorted by name', () => {
    expect(searchPacks(packs, '', 'all').map((p) => p.id)).toEqual(['acme', 'slack', 'stripe']);
    expect(searchPacks(packs, 'REFUND', 'all').map((p) => p.id)).toEqual(['stripe']);
    expect(searchPacks(packs, 'stripe customer', 'all').map((p) => p.id)).toEqual(['stripe']);
    expect(searchPacks(packs, 'stripe message', 'all')).toEqual([]);
    expect(searchPacks(packs, 'bot token', 'all').map((p) => p.id)).toEqual(['slack']);
    expect(searchPacks(packs, 'oauth2', 'all').map((p) => p.id)).toEqual(['slack']);
    expect(searchPacks(packs, 'deals', 'all').map((p) => p.id)).toEqual(['acme']);
  });

  it('keeps built-in or imported packs only', () => {
    expect(searchPacks(packs, '', 'imported').map((p) => p.id)).toEqual(['acme']);
    expect(searchPacks(packs, '', 'built-in').map((p) => p.id)).toEqual(['slack', 'stripe']);
  });
});
