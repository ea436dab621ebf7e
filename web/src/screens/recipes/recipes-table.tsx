import { Anchor, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { RecipeListItem } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { dateTime, timeAgo } from '../../app/format-time';
import { RunStatusBadge } from '../runs/run-status-badge';
import { RecipeActionsMenu } from './recipe-actions-menu';
import { RecipeStatusBadge } from './recipe-status-badge';

interface Props {
  recipes: RecipeListItem[];
  allNames: string[];
  now: number;
  onRename: (recipe: RecipeListItem) => void;
  onMove: (recipe: RecipeListItem) => void;
}

export function RecipesTable({ recipes, allNames, now, onRename, onMove }: Props) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="30%">Name</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th>Last run</Table.Th>
            <Table.Th w={140}>Changed</Table.Th>
            <Table.Th w={52}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {recipes.map((recipe) => (
            <Table.Tr key={recipe.id}>
              <Table.Td>
                <Anchor component={Link} to={`/recipes/${recipe.id}`} fw={500} truncate display="block">
                  {recipe.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <RecipeStatusBadge status={recipe.status} />
              </Table.Td>
              <Table.Td>
                {recipe.lastRun ? (
                  <Group gap="xs" wrap="nowrap">
                    <RunStatusBadge status={recipe.lastRun.status} />
                    <Tooltip label={dateTime(recipe.lastRun.createdAt)}>
                      <Anchor component={Link} to={`/runs/${recipe.lastRun.id}`} size="sm">
                        {timeAgo(recipe.lastRun.createdAt, now)}
                      </Anchor>
                    </Tooltip>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    Never run
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Tooltip label={dateTime(recipe.updatedAt)}>
                  <Text size="sm">{timeAgo(recipe.updatedAt, now)}</Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <RecipeActionsMenu recipe={recipe} allNames={allNames} onRename={() => onRename(recipe)} onMove={() => onMove(recipe)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
