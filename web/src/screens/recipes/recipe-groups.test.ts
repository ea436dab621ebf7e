import type { RecipeListItem } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { copyName, folderNames, recipeFileName, recipeGroups } from './recipe-groups';

const recipe = (name: string, folder: string, status: RecipeListItem['status'] = 'draft') => ({ id: name, name, folder, status }) as RecipeListItem;
const all = [recipe('Orders', 'sales', 'live'), recipe('Welcome', ''), recipe('Refunds', 'sales'), recipe('Alerts', 'ops', 'paused')];
const names = (groups: ReturnType<typeof recipeGroups>) => groups.map((g) => [g.folder, g.recipes.map((r) => r.name)]);

describe('recipeGroups', () => {
  it('groups by folder A–Z with the unfiled recipes last', () => {
    expect(names(recipeGroups(all, { search: '', folder: null, status: null }))).toEqual([
      ['ops', ['Alerts']],
      ['sales', ['Orders', 'Refunds']],
      ['', ['Welcome']],
    ]);
  });

  it('filters by folder, status and a case-insensitive search of name or folder', () => {
    expect(names(recipeGroups(all, { search: '', folder: '', status: null }))).toEqual([['', ['Welcome']]]);
    expect(names(recipeGroups(all, { search: '', folder: null, status: 'live' }))).toEqual([['sales', ['Orders']]]);
    expect(names(recipeGroups(all, { search: 'REF', folder: null, status: null }))).toEqual([['sales', ['Refunds']]]);
    expect(names(recipeGroups(all, { search: 'sal', folder: null, status: 'draft' }))).toEqual([['sales', ['Refunds']]]);
    expect(recipeGroups(all, { search: 'nothing', folder: null, status: null })).toEqual([]);
  });
});

describe('folderNames', () => {
  it('lists named folders once, sorted', () => {
    expect(folderNames(all)).toEqual(['ops', 'sales']);
  });
});

describe('copyName', () => {
  it('adds (copy), then numbers, never repeating a taken name', () => {
    expect(copyName('Orders', ['Orders'])).toBe('Orders (copy)');
    expect(copyName('Orders', ['Orders', 'Orders (copy)'])).toBe('Orders (copy 2)');
    expect(copyName('Orders (copy)', ['Orders', 'Orders (copy)'])).toBe('Orders (copy 2)');
  });
});

describe('recipeFileName', () => {
  it('makes a safe file name', () => {
    expect(recipeFileName('Big orders → Slack!')).toBe('big-orders-slack.recipe.json');
    expect(recipeFileName('***')).toBe('recipe.recipe.json');
  });
});
