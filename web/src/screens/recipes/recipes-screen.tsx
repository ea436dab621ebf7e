import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { RecipeListItem, RecipeStatus } from '@switchyard/server/contracts';
import { IconFolder, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { useCreateRecipe, useRecipes, useUpdateRecipe } from '../../api/recipes';
import { PageLoader } from '../../app/page-loader';
import { ImportRecipeButton } from './import-recipe-button';
import { RecipeDetailsModal } from './recipe-details-modal';
import { folderNames, recipeGroups } from './recipe-groups';
import { RecipesTable } from './recipes-table';

type Dialog = { kind: 'create' } | { kind: 'rename' | 'move'; recipe: RecipeListItem } | null;

const allFolders = '\u0000all';
const noFolder = '\u0000none';

export function RecipesScreen() {
  const recipes = useRecipes();
  const create = useCreateRecipe();
  const update = useUpdateRecipe();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const [folder, setFolder] = useState(allFolders);
  const [status, setStatus] = useState<RecipeStatus | 'all'>('all');
  const [dialog, setDialog] = useState<Dialog>(null);

  const list = useMemo(() => recipes.data ?? [], [recipes.data]);
  const folders = useMemo(() => folderNames(list), [list]);
  const groups = recipeGroups(list, {
    search: debouncedSearch,
    folder: folder === allFolders ? null : folder === noFolder ? '' : folder,
    status: status === 'all' ? null : status,
  });
  const allNames = list.map((recipe) => recipe.name);
  const now = Date.now();

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Recipes
        </Title>
        <Group gap="xs">
          <ImportRecipeButton />
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
            New recipe
          </Button>
        </Group>
      </Group>

      <Group gap="sm" align="flex-end">
        <TextInput
          aria-label="Search recipes"
          placeholder="Search by name or folder"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <Select
          aria-label="Folder"
          leftSection={<IconFolder size={16} aria-hidden />}
          data={[{ value: allFolders, label: 'All folders' }, { value: noFolder, label: 'No folder' }, ...folders.map((name) => ({ value: name, label: name }))]}
          value={folder}
          onChange={(value) => setFolder(value ?? allFolders)}
          allowDeselect={false}
          w={200}
        />
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(value) => setStatus(value as RecipeStatus | 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'draft', label: 'Draft' },
            { value: 'live', label: 'Live' },
            { value: 'paused', label: 'Paused' },
          ]}
        />
      </Group>

      {recipes.error && <Alert color="red">{errorMessage(recipes.error)}</Alert>}
      {recipes.isPending && <PageLoader />}
      {recipes.data && list.length === 0 && (
        <Paper withBorder p="xl" ta="center">
          <Text fw={500}>No recipes yet</Text>
          <Text c="dimmed" size="sm">
            Create a recipe, or import a recipe file exported from another Switchyard.
          </Text>
        </Paper>
      )}
      {list.length > 0 && groups.length === 0 && <Text c="dimmed">No recipe matches the search and filters.</Text>}
      {groups.map((group) => (
        <Stack key={group.folder} gap={4} component="section" aria-label={group.folder || 'No folder'}>
          <Group gap={6}>
            <IconFolder size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Title order={2} size="h5">
              {group.folder || 'No folder'}
            </Title>
            <Text size="sm" c="dimmed">
              {group.recipes.length}
            </Text>
          </Group>
          <RecipesTable
            recipes={group.recipes}
            allNames={allNames}
            now={now}
            onRename={(recipe) => setDialog({ kind: 'rename', recipe })}
            onMove={(recipe) => setDialog({ kind: 'move', recipe })}
          />
        </Stack>
      ))}

      {dialog?.kind === 'create' && (
        <RecipeDetailsModal
          title="New recipe"
          submitLabel="Create and open"
          fields={['name', 'folder']}
          initial={{ name: '', folder: folder.startsWith('\u0000') ? '' : folder }}
          folders={folders}
          onClose={() => setDialog(null)}
          onSubmit={async ({ name, folder: into }) => {
            const recipe = await create.mutateAsync({ name, ...(into && { folder: into }) });
            if (recipe) void navigate(`/recipes/${recipe.id}`);
          }}
        />
      )}
      {(dialog?.kind === 'rename' || dialog?.kind === 'move') && (
        <RecipeDetailsModal
          title={dialog.kind === 'rename' ? `Rename "${dialog.recipe.name}"` : `Move "${dialog.recipe.name}"`}
          submitLabel={dialog.kind === 'rename' ? 'Rename' : 'Move'}
          fields={[dialog.kind === 'rename' ? 'name' : 'folder']}
          initial={{ name: dialog.recipe.name, folder: dialog.recipe.folder }}
          folders={folders}
          onClose={() => setDialog(null)}
          onSubmit={(details) =>
            update.mutateAsync(dialog.kind === 'rename' ? { id: dialog.recipe.id, name: details.name } : { id: dialog.recipe.id, folder: details.folder })
          }
        />
      )}
    </Stack>
  );
}
