import { Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { ConnectionView } from '@switchyard/server/contracts';
import { IconPlugConnected, IconTrash } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../api';
import { useDeleteConnection, useStartOAuth, useTestConnection } from './connections-api';
import type { useOAuthPopup } from './use-oauth-popup';

interface Props {
  connection: ConnectionView;
  /** The pack authorises in the browser (OAuth2 authorization code). */
  browserAuth: boolean;
  hasTest: boolean;
  connect: ReturnType<typeof useOAuthPopup>['connect'];
  waiting: boolean;
  /** Also how a connection made with a pasted token is reconnected: by pasting a new one in its form. */
  onEdit: () => void;
}

/** Test, (re)connect, edit and delete one connection. */
export function ConnectionRowActions({ connection, browserAuth, hasTest, connect, waiting, onEdit }: Props) {
  const test = useTestConnection();
  const remove = useDeleteConnection();
  const start = useStartOAuth();

  const runTest = async () => {
    try {
      const result = await test.mutateAsync(connection.id);
      notifications.show(
        result.ok
          ? { color: 'green', title: `${connection.name}: test passed`, message: 'The app accepted the connection.' }
          : { color: 'red', title: `${connection.name}: test failed`, message: result.message ?? 'The app refused the connection.' },
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'Test not run', message: errorMessage(error) });
    }
  };

  const reconnect = () =>
    connect(async () => {
      const { authorizeUrl } = await start.mutateAsync(connection.id);
      return { id: connection.id, since: connection.updatedAt, authorizeUrl };
    }).catch((error: unknown) => notifications.show({ color: 'red', title: 'Cannot connect', message: errorMessage(error) }));

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${connection.name}?`,
      children: <Text size="sm">Recipes can no longer use it, and its stored credentials are erased.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        remove.mutateAsync(connection.id).then(
          () => notifications.show({ color: 'green', message: `"${connection.name}" deleted.` }),
          (error: unknown) => {
            const inUse = error instanceof ApiError && error.status === 409;
            modals.open({
              title: inUse ? 'Still in use' : 'Not deleted',
              children: (
                <Text size="sm" data-testid="delete-refusal">
                  {errorMessage(error)}
                </Text>
              ),
            });
          },
        );
      },
    });

  const needsConnect = browserAuth && (connection.status === 'needs_reauth' || !connection.authorized);
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {browserAuth && (
        <Button size="xs" variant={needsConnect ? 'filled' : 'default'} color={needsConnect ? 'yellow' : undefined}
          leftSection={<IconPlugConnected size={14} />} loading={waiting} onClick={() => (connection.tokenPasted ? onEdit() : void reconnect())}>
          {connection.authorized ? 'Reconnect' : 'Connect'}
        </Button>
      )}
      {hasTest && (
        <Button size="xs" variant="default" loading={test.isPending} onClick={() => void runTest()} aria-label={`Test ${connection.name}`}>
          Test
        </Button>
      )}
      <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit ${connection.name}`}>Edit</Button>
      <Button size="xs" variant="subtle" color="red" onClick={confirmDelete} aria-label={`Delete ${connection.name}`} leftSection={<IconTrash size={14} />}>
        Delete
      </Button>
    </Group>
  );
}
