import { ActionIcon, Menu, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { RecipeListItem } from '@switchyard/server/contracts';
import { IconCopy, IconDots, IconDownload, IconFolder, IconHistory, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { exportRecipe, useDeleteRecipe, useDuplicateRecipe } from '../../api/recipes';
import { downloadJson } from '../../app/download-json';
import { copyName, recipeFileName } from './recipe-groups';

interface Props {
  recipe: RecipeListItem;
  allNames: string[];
  onRename: () => void;
  onMove: () => void;
}

const failed = (title: string) => (error: unknown) => notifications.show({ color: 'red', title, message: errorMessage(error) });

export function RecipeActionsMenu({ recipe, allNames, onRename, onMove }: Props) {
  const duplicate = useDuplicateRecipe();
  const remove = useDeleteRecipe();

  const download = () =>
    exportRecipe(recipe.id).then((file) => downloadJson(recipeFileName(recipe.name), file), failed('Export failed'));

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete "${recipe.name}"?`,
      centered: true,
      children: <Text size="sm">The recipe, its versions and all its runs are deleted{recipe.status === 'live' ? ', and its trigger stops' : ''}. This cannot be undone.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(recipe.id, {
          onSuccess: () => notifications.show({ message: `Deleted "${recipe.name}".` }),
          onError: failed('Delete failed'),
        }),
    });

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${recipe.name}`}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={`/runs?recipe=${recipe.id}`} leftSection={<IconHistory size={16} aria-hidden />}>
          Runs
        </Menu.Item>
        <Menu.Item onClick={onRename} leftSection={<IconPencil size={16} aria-hidden />}>
          Rename
        </Menu.Item>
        <Menu.Item
          leftSection={<IconCopy size={16} aria-hidden />}
          onClick={() =>
            duplicate.mutate(
              { id: recipe.id, name: copyName(recipe.name, allNames) },
              { onSuccess: (copy) => copy && notifications.show({ message: `Created "${copy.name}".` }), onError: failed('Duplicate failed') },
            )
          }
        >
          Duplicate
        </Menu.Item>
        <Menu.Item onClick={onMove} leftSection={<IconFolder size={16} aria-hidden />}>
          Move to folder
        </Menu.Item>
        <Menu.Item onClick={() => void download()} leftSection={<IconDownload size={16} aria-hidden />}>
          Export
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={confirmDelete} leftSection={<IconTrash size={16} aria-hidden />}>
          Delete
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
