import { Alert, Box, Center, Loader } from '@mantine/core';
import type { Recipe } from '@switchyard/server/contracts';
import { useParams } from 'react-router';
import { errorMessage, useRecipe } from '../api';
import { Builder } from './builder';

/** `/recipes/:id`: loads the recipe, then the builder edits it. */
export function BuilderScreen() {
  const { id = '' } = useParams();
  const recipe = useRecipe(id);
  if (recipe.isPending) {
    return (
      <Center h="60vh">
        <Loader aria-label="Loading the recipe" />
      </Center>
    );
  }
  if (recipe.isError) {
    return (
      <Alert color="red" title="The recipe could not be loaded">
        {errorMessage(recipe.error)}
      </Alert>
    );
  }
  return (
    <Box>
      <Builder key={recipe.data.id} recipe={recipe.data as Recipe} />
    </Box>
  );
}
