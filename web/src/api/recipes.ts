import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Recipe, RecipeFile, RecipeListItem, RecipeStatus, RecipeVersion } from '@switchyard/server/contracts';
import { api } from './api-client';

export interface RecipeFilter {
  folder?: string;
  search?: string;
  status?: RecipeStatus;
}

export const recipeKeys = {
  all: ['recipes'] as const,
  list: (filter: RecipeFilter) => ['recipes', 'list', filter] as const,
  one: (id: string) => ['recipes', 'one', id] as const,
  versions: (id: string) => ['recipes', 'versions', id] as const,
};

export function useRecipes(filter: RecipeFilter = {}) {
  return useQuery({
    queryKey: recipeKeys.list(filter),
    queryFn: async () => (await api.get<{ recipes: RecipeListItem[] }>('/recipes', { ...filter })).recipes,
  });
}

export function useRecipe(id: string, enabled = true) {
  return useQuery({ queryKey: recipeKeys.one(id), enabled, queryFn: () => api.get<Recipe>(`/recipes/${encodeURIComponent(id)}`) });
}

export function useRecipeVersions(id: string) {
  return useQuery({
    queryKey: recipeKeys.versions(id),
    queryFn: async () => (await api.get<{ versions: RecipeVersion[] }>(`/recipes/${encodeURIComponent(id)}/versions`)).versions,
  });
}

/** Every recipe mutation refreshes the lists and the recipe it returned. */
function useRecipeMutation<Vars>(mutationFn: (vars: Vars) => Promise<Recipe | void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (recipe) => {
      if (recipe) client.setQueryData(recipeKeys.one(recipe.id), recipe);
      return client.invalidateQueries({ queryKey: recipeKeys.all });
    },
  });
}

/** A new draft: a manual trigger and no steps, ready for the builder. */
export function useCreateRecipe() {
  return useRecipeMutation((body: { name: string; folder?: string }) =>
    api.post<Recipe>('/recipes', { ...body, trigger: { use: 'core/manual' }, steps: [] }),
  );
}

export function useUpdateRecipe() {
  return useRecipeMutation(({ id, ...body }: { id: string; name?: string; folder?: string; definition?: Recipe['definition'] }) =>
    api.patch<Recipe>(`/recipes/${encodeURIComponent(id)}`, body),
  );
}

export function useDeleteRecipe() {
  return useRecipeMutation((id: string) => api.delete(`/recipes/${encodeURIComponent(id)}`));
}

export function useImportRecipe() {
  return useRecipeMutation((file: unknown) => api.post<Recipe>('/recipes/import', file));
}

/** Duplicating is exporting and importing under a new name, so the copy is exactly the original's newest version. */
export function useDuplicateRecipe() {
  return useRecipeMutation(async ({ id, name }: { id: string; name: string }) => {
    const file = await exportRecipe(id);
    return api.post<Recipe>('/recipes/import', { ...file, name });
  });
}

export function exportRecipe(id: string, version?: string): Promise<RecipeFile> {
  return api.get<RecipeFile>(`/recipes/${encodeURIComponent(id)}/export`, { version });
}

export function usePublishRecipe() {
  return useRecipeMutation(async ({ id, versionId }: { id: string; versionId?: string }) =>
    (await api.post<{ recipe: Recipe }>(`/recipes/${encodeURIComponent(id)}/publish`, versionId ? { versionId } : {})).recipe,
  );
}

export function useRecipeStatusAction(action: 'unpublish' | 'pause') {
  return useRecipeMutation((id: string) => api.post<Recipe>(`/recipes/${encodeURIComponent(id)}/${action}`));
}
