import { describe, expect, it } from 'vitest';
import { buildCatalog, findEntry, searchCatalog, type InstalledPack } from './step-catalog';

const slack: InstalledPack = {
  pack: { id: 'slack', name: 'Slack', icon: '<svg/>', newest: '1.0.0', versions: ['1.0.0'], builtIn: true, actions: 1, triggers: 1, actionNames: ['Post a message'], triggerNames: ['New message'], auth: 'oauth2' },
  manifest: {
    auth: { kind: 'oauth2' },
    actions: [
      {
        key: 'post-message',
        name: 'Post a message',
        input: [
          { key: 'team', label: 'Team', type: 'string' },
          { key: 'channel', label: 'Channel', type: 'select', required: true, dynamicChoices: { request: {}, items: 'channels', label: '{{item.name}}', value: '{{item.id}}', dependsOn: ['team'] } },
        ],
        sample: { ts: '123.45', channel: 'C1' },
      },
    ],
    triggers: [{ key: 'new-message', name: 'New message', kind: 'webhook', sample: { text: 'hi' } }],
  },
};

describe('buildCatalog', () => {
  const catalog = buildCatalog([slack]);

  it('lists core steps and the packs’ actions with fields, samples and icons', () => {
    const post = findEntry(catalog.steps, 'slack/post-message@1')!;
    expect(post).toMatchObject({ use: 'slack/post-message', group: 'Slack', icon: '<svg/>', needsConnection: true, sample: { ts: '123.45', channel: 'C1' } });
    expect(post.fields[1]).toMatchObject({ key: 'channel', kind: 'select', required: true, dynamic: { dependsOn: ['team'] } });
    expect(findEntry(catalog.steps, 'core/http')).toMatchObject({ group: 'Developer', needsConnection: false });
  });

  it('lists core triggers and the packs’ triggers', () => {
    expect(catalog.triggers.map((entry) => entry.use)).toEqual(['core/webhook', 'core/schedule', 'core/manual', 'core/recipe-failed', 'slack/new-message']);
    expect(findEntry(catalog.triggers, 'slack/new-message')!.sample).toEqual({ text: 'hi' });
  });

  it('searches by every word across title, description, group and use', () => {
    expect(searchCatalog(catalog.steps, 'slack message').map((entry) => entry.use)).toEqual(['slack/post-message']);
    expect(searchCatalog(catalog.steps, 'HTTP').map((entry) => entry.use)).toContain('core/http');
    expect(searchCatalog(catalog.steps, '')).toHaveLength(catalog.steps.length);
  });
});
