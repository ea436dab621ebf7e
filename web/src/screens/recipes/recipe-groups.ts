import type { RecipeListItem, RecipeStatus } from '@switchyard/server/contracts';

export interface RecipeListFilter {
  search: string;
  /** null: every folder; '' is the recipes in no folder. */
  folder: string | null;
  status: RecipeStatus | null;
}

export interface RecipeGroup {
  folder: string;
  recipes: RecipeListItem[];
}

/** Recipes matching the filter, grouped by folder (named folders A–Z, the unfiled ones last), order kept inside. */
export function recipeGroups(recipes: RecipeListItem[], filter: RecipeListFilter): RecipeGroup[] {
  const needle = filter.search.trim().toLowerCase();
  const groups = new Map<string, RecipeListItem[]>();
  for (const recipe of recipes) {
    if (filter.folder !== null && recipe.folder !== filter.folder) continue;
    if (filter.status !== null && recipe.status !== filter.status) continue;
    if (needle && !recipe.name.toLowerCase().includes(needle) && !recipe.folder.toLowerCase().includes(needle)) continue;
    groups.set(recipe.folder, [...(groups.get(recipe.folder) ?? []), recipe]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([folder, members]) => ({ folder, recipes: members }));
}

/** Every named folder in use, A–Z. */
export function folderNames(recipes: RecipeListItem[]): string[] {
  return [...new Set(recipes.map((recipe) => recipe.folder).filter((folder) => folder !== ''))].sort((a, b) => a.localeCompare(b));
}

/** "Orders (copy)", then "Orders (copy 2)" … so a duplicate never takes an existing name. */
export function copyName(name: string, taken: string[]): string {
  const names = new Set(taken);
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; n <= names.size + 1; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!names.has(candidate)) return candidate.slice(0, 200);
  }
  return `${base} (copy)`.slice(0, 200);
}

/** A file name for an exported recipe: lower-case words joined by dashes. */
export function recipeFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'recipe'}.recipe.json`;
}
