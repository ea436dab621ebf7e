import type { Recipe } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { recipesByPack } from './recipes-by-pack';

const recipe = (id: string, definition: unknown) => ({ id, name: `Recipe ${id}`, definition }) as Pick<Recipe, 'id' | 'name' | 'definition'>;

describe('recipesByPack', () => {
  it('finds packs in the trigger and in nested loops, paths and error paths, once per recipe, ignoring core', () => {
    const byPack = recipesByPack([
      recipe('a', {
        name: 'a',
        trigger: { use: 'acme-crm/new-deal@1' },
        steps: [
          { id: 'loop', use: 'core/loop', input: {}, steps: [{ id: 'c', use: 'acme-crm/create-contact', input: {} }] },
          { id: 'route', use: 'core/paths', input: {}, paths: [{ name: 'x', steps: [{ id: 'n', use: 'ntfy/send', input: {} }] }] },
          { id: 'h', use: 'core/http', input: {}, onError: { steps: [{ id: 's', use: 'slack/post@2', input: {} }] } },
        ],
      }),
      recipe('b', { name: 'b', trigger: { use: 'core/webhook' }, steps: [{ id: 'n', use: 'ntfy/send', input: {} }] }),
    ]);
    expect(Object.fromEntries([...byPack].map(([pack, users]) => [pack, users.map((user) => user.id)]))).toEqual({
      'acme-crm': ['a'],
      ntfy: ['a', 'b'],
      slack: ['a'],
    });
  });
});
