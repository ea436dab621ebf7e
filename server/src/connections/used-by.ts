/** True when `value` holds `"connection": id` at any depth (steps, nested paths, loops, error paths, trigger). */
function mentions(value: unknown, id: string, depth = 0): boolean {
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => mentions(item, id, depth + 1));
  const record = value as Record<string, unknown>;
  if (record['connection'] === id) return true;
  return Object.values(record).some((item) => mentions(item, id, depth + 1));
}

/** The recipes among `versions` (published or latest) whose definition uses connection `id`, once each. */
export function usedBy(id: string, versions: { recipeId: string; recipeName: string; definition: string }[]): { id: string; name: string }[] {
  const recipes = new Map<string, string>();
  for (const version of versions) {
    if (mentions(JSON.parse(version.definition), id)) recipes.set(version.recipeId, version.recipeName);
  }
  return [...recipes].map(([recipeId, name]) => ({ id: recipeId, name }));
}
