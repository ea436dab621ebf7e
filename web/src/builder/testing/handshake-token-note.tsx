import { ActionIcon, Code, CopyButton, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { TriggerState } from '../../screens/packs/trigger-state-api';

// The vendor sends its token a moment after the user adds the URL there: ask again until it has come.
const untilTokenMs = 5000;

/**
 * The token a live trigger's `body_token` handshake kept (Notion's verification_token), for the user to paste
 * back into the vendor. The server sends it only to editors and only for such triggers; otherwise nothing shows.
 */
export function HandshakeTokenNote({ triggerId, vendor }: { triggerId: string; vendor: string }) {
  const state = useQuery({
    queryKey: ['triggers', 'state', triggerId],
    queryFn: () => api.get<TriggerState>(`/triggers/${encodeURIComponent(triggerId)}/state`),
    refetchInterval: (query) => (tokenOf(query.state.data) ? false : untilTokenMs),
  });
  const token = tokenOf(state.data);
  if (!token) return null;
  return (
    <Paper withBorder p="sm" mt="md" data-testid="handshake-token">
      <Text size="sm" fw={500}>
        Verification token
      </Text>
      <Group gap={4} wrap="nowrap" mt={4}>
        <Code style={{ wordBreak: 'break-all' }}>{token}</Code>
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'}>
              <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy the verification token">
                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        Paste this into {vendor} to verify the subscription.
      </Text>
    </Paper>
  );
}

function tokenOf(data: TriggerState | undefined): string | undefined {
  const state = data?.state as { handshakeToken?: unknown } | null | undefined;
  return typeof state?.handshakeToken === 'string' ? state.handshakeToken : undefined;
}
