import { Alert, Anchor, Badge, Button, Card, Group, List, Menu, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconChevronDown, IconDownload, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api';
import { PageLoader } from '../../app/page-loader';
import { authLabels } from './auth-labels';
import { FieldTable } from './field-table';
import { PackChangesPanel } from './pack-changes-panel';
import { PackIcon } from './pack-icon';
import { PackItems } from './pack-items';
import { PackLiveTriggers } from './pack-live-triggers';
import { readManifest } from './pack-manifest';
import { usePack, useRemovePack } from './packs-api';
import { confirmRemovePack } from './remove-pack';

/** Downloads the shown version as a manifest to edit and import again (built-in packs as written). */
function ExportMenu({ packId, version }: { packId: string; version: string }) {
  const href = (format: 'yaml' | 'json') => `/api/v1/packs/${encodeURIComponent(packId)}/manifest?${new URLSearchParams({ format, version }).toString()}`;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />}>Export</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Manifest to edit and import again</Menu.Label>
        <Menu.Item component="a" href={href('yaml')} download>YAML file</Menu.Item>
        <Menu.Item component="a" href={href('json')} download>JSON file</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** One pack: its actions and triggers with their fields, how it signs in, who uses it, and its versions. */
export function PackScreen() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = params.get('version') ?? undefined;
  const detail = usePack(id, version);
  const remove = useRemovePack();
  const navigate = useNavigate();
  const view = useMemo(() => readManifest(detail.data?.manifest), [detail.data]);

  if (detail.error) return <Alert color="red" m="md" title="Cannot show this pack">{errorMessage(detail.error)}</Alert>;
  if (!detail.data) return <PageLoader />;
  const { pack, usedBy } = detail.data;
  const shown = detail.data.version;

  return (
    <Stack gap="md" p="md">
      <Anchor component={Link} to="/packs" size="sm">← Packs</Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="md" wrap="nowrap">
          <PackIcon icon={pack.icon} size={48} />
          <div>
            <Title order={2}>{pack.name}</Title>
            <Text size="sm" c="dimmed" ff="monospace">{pack.id}</Text>
          </div>
        </Group>
        <Group gap="xs">
          <Select
            aria-label="Version"
            data={pack.versions}
            value={shown}
            onChange={(next) => setParams(next && next !== pack.newest ? { version: next } : {})}
            w={130}
            allowDeselect={false}
          />
          {pack.auth !== 'none' && (
            <Button variant="default" leftSection={<IconPlus size={16} />} component={Link} to={`/connections?pack=${encodeURIComponent(pack.id)}`}>
              New connection
            </Button>
          )}
          <ExportMenu packId={pack.id} version={shown} />
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />}
            onClick={() => confirmRemovePack(remove, pack, pack.versions.length > 1 ? shown : undefined, () => navigate(pack.versions.length > 1 ? `/packs/${encodeURIComponent(pack.id)}` : '/packs'))}>
            {pack.versions.length > 1 ? `Remove ${shown}` : 'Remove'}
          </Button>
        </Group>
      </Group>
      {pack.description && <Text>{pack.description}</Text>}
      {view.homepage && <Anchor href={view.homepage} target="_blank" rel="noreferrer" size="sm">{view.homepage}</Anchor>}

      <Group gap="md" align="stretch" grow preventGrowOverflow={false}>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">Sign-in</Text>
          <Group gap={6}>
            <Badge variant="light">{authLabels[view.auth.kind] ?? view.auth.kind}</Badge>
            {view.auth.grant && <Badge variant="light" color="gray">{view.auth.grant.replace('_', ' ')}</Badge>}
          </Group>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">Used by</Text>
          {usedBy.length === 0 ? (
            <Text size="sm">No recipe</Text>
          ) : (
            <List size="sm" data-testid="pack-used-by">
              {usedBy.map((recipe) => (
                <List.Item key={recipe.recipeId}>
                  <Anchor component={Link} to={`/recipes/${encodeURIComponent(recipe.recipeId)}`}>{recipe.name}</Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </Group>

      <Tabs defaultValue="actions" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="actions">Actions ({view.actions.length})</Tabs.Tab>
          <Tabs.Tab value="triggers">Triggers ({view.triggers.length})</Tabs.Tab>
          <Tabs.Tab value="connection">Connection fields ({view.auth.fields.length})</Tabs.Tab>
          <Tabs.Tab value="versions">Versions ({pack.versions.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="actions" pt="md"><PackItems items={view.actions} noun="action" /></Tabs.Panel>
        <Tabs.Panel value="triggers" pt="md">
          <Stack gap="lg">
            <PackItems items={view.triggers} noun="trigger" />
            <PackLiveTriggers packId={pack.id} recipeIds={usedBy.map((recipe) => recipe.recipeId)} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="connection" pt="md"><FieldTable fields={view.auth.fields} label="Connection fields" /></Tabs.Panel>
        <Tabs.Panel value="versions" pt="md"><PackChangesPanel packId={pack.id} versions={pack.versions} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
