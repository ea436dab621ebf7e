import { Anchor, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { PackSummary } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { authLabels } from './auth-labels';
import { PackIcon } from './pack-icon';

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

/** "Triggers: New event · Event" in at most two lines; the whole list on hover. */
function Operations({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return <Text size="sm" c="dimmed">No {label.toLowerCase()}</Text>;
  return (
    <Text size="sm" lineClamp={2} title={names.join(' · ')}>
      <Text span size="sm" fw={500}>{label} ({names.length}): </Text>
      {names.join(' · ')}
    </Text>
  );
}

/** One pack in the gallery: icon, name, version, built-in or imported, ways to sign in, operations, users. */
export function PackCard({ pack, usedBy }: { pack: PackSummary; usedBy: { id: string; name: string }[] }) {
  return (
    <Card withBorder padding="md" data-testid={`pack-${pack.id}`} component="article" aria-label={pack.name}>
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <PackIcon icon={pack.icon} size={36} />
          <div style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/packs/${encodeURIComponent(pack.id)}`} fw={600} truncate>{pack.name}</Anchor>
              <Text size="xs" c="dimmed" title={pack.versions.length > 1 ? `${pack.versions.length} versions installed` : undefined}>
                {pack.newest}{pack.versions.length > 1 && ` (+${pack.versions.length - 1})`}
              </Text>
            </Group>
            <Group gap={4} mt={4}>
              <Badge size="sm" variant="light" color={pack.builtIn ? 'gray' : 'grape'}>{pack.builtIn ? 'Built-in' : 'Imported'}</Badge>
              <Badge size="sm" variant="light">{authLabels[pack.auth] ?? pack.auth}</Badge>
              {pack.pasteToken && <Badge size="sm" variant="light">{pack.pasteToken}</Badge>}
            </Group>
          </div>
        </Group>
        {pack.description && <Text size="sm" c="dimmed" lineClamp={2}>{pack.description}</Text>}
        <Operations label="Triggers" names={pack.triggerNames} />
        <Operations label="Actions" names={pack.actionNames} />
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>Used by:</Text>
          <UsedBy recipes={usedBy} />
        </Group>
      </Stack>
    </Card>
  );
}
