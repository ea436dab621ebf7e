import { Badge, Tooltip } from '@mantine/core';
import type { ConnectionView } from '@switchyard/server/contracts';

const looks = {
  ok: { color: 'green', label: 'ok' },
  needs_reauth: { color: 'yellow', label: 'needs reconnect' },
  error: { color: 'red', label: 'error' },
} as const;

/** A connection's health; the vendor's message (if any) is a tooltip and also readable below by the caller. */
export function ConnectionStatusBadge({ connection }: { connection: Pick<ConnectionView, 'status' | 'statusMessage'> }) {
  const look = looks[connection.status];
  const badge = (
    <Badge color={look.color} variant="light" data-testid="connection-status">
      {look.label}
    </Badge>
  );
  return connection.statusMessage ? <Tooltip label={connection.statusMessage} multiline maw={320}>{badge}</Tooltip> : badge;
}
