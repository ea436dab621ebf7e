import { Anchor, Table, Text } from '@mantine/core';
import type { Recipe } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { timeAgo } from '../../app/format-time';
import { RecipeStatusBadge } from './recipe-status-badge';

export function RecipesTable({ recipes }: { recipes: Recipe[] }) {
  if (recipes.length === 0) return <Text c="dimmed">No recipes yet.</Text>;
  const now = Date.now();
  return (
    <Table highlightOnHover verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Changed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {recipes.map((recipe) => (
          <Table.Tr key={recipe.id}>
            <Table.Td>
              <Anchor component={Link} to={`/recipes/${recipe.id}`} fw={500}>
                {recipe.name}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <RecipeStatusBadge status={recipe.status} />
            </Table.Td>
            <Table.Td>{timeAgo(recipe.updatedAt, now)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
