import { Alert, Badge, Button, Drawer, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import type { RecipeVersion } from '@switchyard/server/contracts';
import { IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, recipeKeys, useAuthStatus, useRecipeVersions } from '../../api';
import { dateTime } from '../../app/format-time';
import { VersionDiffView } from './version-diff-view';

const stateColor: Record<RecipeVersion['state'], string> = { draft: 'yellow', published: 'green', previous: 'gray' };

interface Props {
  recipeId: string;
  opened: boolean;
  restoring: string | null;
  onRestore: (version: RecipeVersion) => void;
  onClose: () => void;
}

function VersionRow({ version, who, latest, restoring, onRestore }: { version: RecipeVersion; who: string; latest: boolean; restoring: string | null; onRestore: () => void }) {
  return (
    <Paper withBorder p="xs" component="li" aria-label={`Version ${version.number}`}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Text fw={600}>Version {version.number}</Text>
            <Badge size="sm" variant="light" color={stateColor[version.state]}>
              {version.state}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {dateTime(version.createdAt)} · by {who}
          </Text>
        </div>
        {!latest && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconRestore size={14} aria-hidden />}
            loading={restoring === version.id}
            disabled={restoring !== null}
            onClick={onRestore}
            aria-label={`Restore version ${version.number}`}
          >
            Restore
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function HistoryBody({ recipeId, restoring, onRestore }: Omit<Props, 'opened' | 'onClose'>) {
  const client = useQueryClient();
  // The draft saves a version as you edit, unseen by the cached list: it is fetched afresh on every opening.
  useEffect(() => void client.invalidateQueries({ queryKey: recipeKeys.versions(recipeId) }), [client, recipeId]);
  const versions = useRecipeVersions(recipeId);
  const me = useAuthStatus().data?.user;
  const list = versions.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  if (versions.error) return <Alert color="red" title="The versions could not be loaded">{errorMessage(versions.error)}</Alert>;
  if (!versions.data) return <Loader aria-label="Loading the versions" />;
  // Newest first: by default the newest version is compared with the one before it.
  const after = list.find((version) => version.id === to) ?? list[0];
  const before = list.find((version) => version.id === from) ?? list[1];
  const options = list.map((version) => ({ value: version.id, label: `Version ${version.number} (${version.state})` }));
  const who = (version: RecipeVersion) => (version.createdBy === null ? 'the system' : version.createdBy === me?.id ? 'you' : version.createdBy);
  return (
    <Stack gap="md">
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Versions, newest first">
        {list.map((version, index) => (
          <VersionRow key={version.id} version={version} who={who(version)} latest={index === 0} restoring={restoring} onRestore={() => onRestore(version)} />
        ))}
      </Stack>
      <Title order={3} size="h5">
        Compare versions
      </Title>
      {before && after ? (
        <>
          <Group grow>
            <Select label="From" data={options} value={before.id} onChange={setFrom} allowDeselect={false} />
            <Select label="To" data={options} value={after.id} onChange={setTo} allowDeselect={false} />
          </Group>
          <VersionDiffView before={before.definition} after={after.definition} />
        </>
      ) : (
        <Text c="dimmed">There is only one version so far.</Text>
      )}
    </Stack>
  );
}

/** The recipe's versions, newest first, a diff between any two, and restoring one as the new draft. */
export function HistoryDrawer({ opened, onClose, ...rest }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title="Version history">
      {opened && <HistoryBody {...rest} />}
    </Drawer>
  );
}
