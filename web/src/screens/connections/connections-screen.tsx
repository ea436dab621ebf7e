import { Alert, Button, Group, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ConnectionView } from '@switchyard/server/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api';
import { dateTime, timeAgo } from '../../app/format-time';
import { PackIcon } from '../packs/pack-icon';
import { needsBrowserAuthorization, readManifest, type ManifestAuth } from '../packs/pack-manifest';
import { packKeys, usePacks, type PackDetail } from '../packs/packs-api';
import { ConnectionFormModal } from './connection-form-modal';
import { ConnectionRowActions } from './connection-row-actions';
import { ConnectionStatusBadge } from './connection-status-badge';
import { useConnections } from './connections-api';
import { useOAuthPopup } from './use-oauth-popup';

/**
 * The connections list: health at a glance, with create, test, (re)connect, edit and delete.
 * `?pack=<id>` opens a new connection of that pack; `?open=<id>` opens that connection's form (health links).
 */
export function ConnectionsScreen() {
  const connections = useConnections();
  const packs = usePacks();
  const oauth = useOAuthPopup();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<ConnectionView | 'new' | null>(params.get('pack') !== null ? 'new' : null);
  const packIds = useMemo(() => [...new Set((connections.data ?? []).map((c) => c.packId))], [connections.data]);
  // The row actions depend on each pack's auth (OAuth popup? a test request?), which only the manifest says.
  const manifests = useQueries({
    queries: packIds.map((id) => ({ queryKey: packKeys.one(id), queryFn: () => api.get<PackDetail>(`/packs/${encodeURIComponent(id)}`) })),
  });
  const authOf = new Map<string, ManifestAuth>(manifests.flatMap((q) => (q.data ? [[q.data.pack.id, readManifest(q.data.manifest).auth] as const] : [])));
  const packOf = new Map((packs.data ?? []).map((p) => [p.id, p]));
  const openId = params.get('open');
  const linked = openId === null ? undefined : connections.data?.find((connection) => connection.id === openId);
  const shown = editing ?? linked ?? null;

  const close = () => {
    setEditing(null);
    if (params.has('pack') || params.has('open')) setParams({}, { replace: true });
  };

  return (
    <Stack gap="md" p="md">
      <Group justify="space-between">
        <Title order={2}>Connections</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>New connection</Button>
      </Group>
      {connections.error && <Alert color="red">{errorMessage(connections.error)}</Alert>}
      {openId !== null && connections.data && !linked && (
        <Alert color="yellow" data-testid="connection-not-found">That connection no longer exists; it may have been deleted.</Alert>
      )}
      {connections.data?.length === 0 && (
        <Text c="dimmed">No connections yet. A connection holds the account a pack uses, e.g. an API key.</Text>
      )}
      {connections.data && connections.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" aria-label="Connections" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Connection</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last checked</Table.Th>
                <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {connections.data.map((connection) => {
                const pack = packOf.get(connection.packId);
                const auth = authOf.get(connection.packId);
                return (
                  <Table.Tr key={connection.id} data-testid={`connection-${connection.name}`}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <PackIcon icon={pack?.icon} />
                        <div>
                          <Text fw={500}>{connection.name}</Text>
                          <Text size="xs" c="dimmed" component={Link} to={`/packs/${encodeURIComponent(connection.packId)}`}>
                            {pack?.name ?? connection.packId}
                          </Text>
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <ConnectionStatusBadge connection={connection} />
                      {connection.status !== 'ok' && connection.statusMessage && (
                        <Text size="xs" c="dimmed" mt={4} data-testid="connection-status-message">{connection.statusMessage}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {connection.lastCheckedAt === null ? (
                        <Text size="sm" c="dimmed">never</Text>
                      ) : (
                        <Tooltip label={dateTime(connection.lastCheckedAt)}>
                          <Text size="sm">{timeAgo(connection.lastCheckedAt, Date.now())}</Text>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ConnectionRowActions
                        connection={connection}
                        browserAuth={auth !== undefined && needsBrowserAuthorization(auth)}
                        hasTest={auth?.hasTest ?? false}
                        connect={oauth.connect}
                        waiting={oauth.waitingFor === connection.id}
                        onEdit={() => setEditing(connection)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shown !== null && (
        <ConnectionFormModal
          opened
          onClose={close}
          connect={oauth.connect}
          {...(shown === 'new' ? { ...(params.get('pack') && { packId: params.get('pack')! }) } : { connection: shown })}
        />
      )}
    </Stack>
  );
}
