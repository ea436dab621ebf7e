import { Alert, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useRecipes, type RecipeFilter } from '../../api/recipes';
import { PageLoader } from '../../app/page-loader';
import { RecipesTable } from './recipes-table';

export function RecipesScreen() {
  const [filter] = useState<RecipeFilter>({});
  const recipes = useRecipes(filter);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Recipes
        </Title>
      </Group>
      {recipes.error && <Alert color="red">{errorMessage(recipes.error)}</Alert>}
      {recipes.isPending ? <PageLoader /> : recipes.data && <RecipesTable recipes={recipes.data} />}
    </Stack>
  );
}
