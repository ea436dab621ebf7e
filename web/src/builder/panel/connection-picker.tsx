import { Anchor, Group, Select } from '@mantine/core';
import { Link } from 'react-router';
import { usePackConnections } from '../builder-api';

interface ConnectionPickerProps {
  packId: string;
  /** A core step names what it needs (e.g. "SMTP account"); pack steps keep "Connection". */
  label?: string;
  description?: string;
  value: string | undefined;
  onChange: (connection: string | undefined) => void;
  error: string | undefined;
}

/** Which account of the pack the step acts as, with a link to connect a new one. */
export function ConnectionPicker({ packId, label = 'Connection', description, value, onChange, error }: ConnectionPickerProps) {
  const connections = usePackConnections(packId);
  const data = (connections.data ?? []).map((connection) => ({
    value: connection.id,
    label: connection.status === 'ok' ? connection.name : `${connection.name} (${connection.status === 'needs_reauth' ? 'needs reconnect' : 'error'})`,
  }));
  return (
    <div>
      <Select
        label={label}
        description={description}
        required
        data={data}
        value={value ?? null}
        error={error}
        placeholder={connections.isLoading ? 'Loading…' : data.length === 0 ? 'No connection yet' : 'Choose an account'}
        onChange={(next) => onChange(next ?? undefined)}
      />
      <Group justify="flex-end" mt={4}>
        <Anchor component={Link} to={`/connections?pack=${encodeURIComponent(packId)}`} target="_blank" size="xs">
          Connect a new account
        </Anchor>
      </Group>
    </div>
  );
}
