import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconApi, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, useRecipes } from '../../api';
import { authLabels } from './auth-labels';
import { ImportPackModal } from './import-pack-modal';
import { OpenApiImportModal } from './openapi-import-modal';
import { PackIcon } from './pack-icon';
import { usePacks } from './packs-api';
import { recipesByPack } from './recipes-by-pack';

/** The recipes using a pack: the first two by name (linked), the rest as a count with their names on hover. */
function UsedBy({ recipes }: { recipes: { id: string; name: string }[] }) {
  if (recipes.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  const rest = recipes.slice(2);
  return (
    <Text size="sm" lineClamp={2}>
      {recipes.slice(0, 2).map((recipe, index) => (
        <span key={recipe.id}>
          {index > 0 && ', '}
          <Anchor component={Link} to={`/recipes/${encodeURIComponent(recipe.id)}`} size="sm">{recipe.name}</Anchor>
        </span>
      ))}
      {rest.length > 0 && (
        <Tooltip label={rest.map((recipe) => recipe.name).join(', ')} multiline maw={320}>
          <span> and {rest.length} more</span>
        </Tooltip>
      )}
    </Text>
  );
}

/** Installed packs with their versions, what they offer and how they sign in; import from files, URLs, npm or OpenAPI. */
export function PacksScreen() {
  const packs = usePacks();
  const [importing, setImporting] = useState<'pack' | 'openapi' | null>(null);
  const recipes = useRecipes();
  const users = useMemo(() => recipesByPack(recipes.data ?? []), [recipes.data]);
  return (
    <Stack gap="md" p="md">
      <Group justify="space-between">
        <Title order={2}>Packs</Title>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconApi size={16} />} onClick={() => setImporting('openapi')}>From OpenAPI</Button>
          <Button leftSection={<IconUpload size={16} />} onClick={() => setImporting('pack')}>Import pack</Button>
        </Group>
      </Group>
      {packs.error && <Alert color="red">{errorMessage(packs.error)}</Alert>}
      {packs.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label="Installed packs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Pack</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Actions</Table.Th>
                <Table.Th>Triggers</Table.Th>
                <Table.Th>Sign-in</Table.Th>
                <Table.Th>Used by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {packs.data.map((pack) => (
                <Table.Tr key={pack.id} data-testid={`pack-${pack.id}`}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <PackIcon icon={pack.icon} />
                      <div>
                        <Anchor component={Link} to={`/packs/${encodeURIComponent(pack.id)}`} fw={500}>{pack.name}</Anchor>
                        {pack.description && <Text size="xs" c="dimmed" lineClamp={1}>{pack.description}</Text>}
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{pack.newest}</Text>
                    {pack.versions.length > 1 && <Text size="xs" c="dimmed">{pack.versions.length} versions</Text>}
                  </Table.Td>
                  <Table.Td>{pack.actions}</Table.Td>
                  <Table.Td>{pack.triggers}</Table.Td>
                  <Table.Td><Badge variant="light" color="gray" miw="max-content">{authLabels[pack.auth] ?? pack.auth}</Badge></Table.Td>
                  <Table.Td maw={240}>
                    <UsedBy recipes={users.get(pack.id) ?? []} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {importing === 'pack' && <ImportPackModal opened onClose={() => setImporting(null)} />}
      {importing === 'openapi' && <OpenApiImportModal opened onClose={() => setImporting(null)} />}
    </Stack>
  );
}
