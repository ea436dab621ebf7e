import { Stack, Text, Title } from '@mantine/core';
import type { Recipe } from '@switchyard/server/contracts';
import { useQueries } from '@tanstack/react-query';
import { api, recipeKeys } from '../../api';
import { TriggerStatePanel } from './TriggerStatePanel';

/** The live triggers of this pack among the recipes that use it, each with its state and a reset. */
export function PackLiveTriggers({ packId, recipeIds }: { packId: string; recipeIds: string[] }) {
  const recipes = useQueries({
    queries: recipeIds.map((id) => ({ queryKey: recipeKeys.one(id), queryFn: () => api.get<Recipe>(`/recipes/${encodeURIComponent(id)}`) })),
  });
  const live = recipes.flatMap((query) => {
    const trigger = query.data?.trigger;
    return trigger && trigger.kind.startsWith(`${packId}/`) ? [{ recipe: query.data!, trigger }] : [];
  });
  if (live.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={4}>Live triggers</Title>
      {live.map(({ recipe, trigger }) => (
        <Stack key={trigger.id} gap={4}>
          <Text size="sm" fw={500}>{recipe.name}</Text>
          <TriggerStatePanel triggerId={trigger.id} />
        </Stack>
      ))}
    </Stack>
  );
}
