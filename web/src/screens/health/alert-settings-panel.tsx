import { Alert, Anchor, Button, Group, Paper, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import type { AlertSettings } from '@switchyard/server/contracts';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { useConnections } from '../connections/connections-api';
import { alertSettingsProblems } from './alert-settings-problems';
import { useAlertSettings, useSaveAlertSettings } from './health-api';

function AlertSettingsForm({ initial }: { initial: AlertSettings }) {
  const connections = useConnections();
  const save = useSaveAlertSettings();
  const [smtpConnectionId, setSmtpConnectionId] = useState<string | null>(initial.smtpConnectionId);
  const [recipients, setRecipients] = useState<string[]>(initial.recipients);
  const accounts = (connections.data ?? []).filter((connection) => connection.packId === 'smtp').map((connection) => ({ value: connection.id, label: connection.name }));
  // A saved account that was deleted since still shows, so the choice is not silently dropped.
  if (smtpConnectionId !== null && connections.data && !accounts.some((account) => account.value === smtpConnectionId)) {
    accounts.push({ value: smtpConnectionId, label: `${smtpConnectionId} (not an SMTP account any more)` });
  }
  const problems = alertSettingsProblems(save.error, save.variables?.recipients ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ smtpConnectionId, recipients });
  };
  return (
    <form onSubmit={submit} aria-label="Alert emails">
      <Stack gap="sm">
        <Group align="flex-start" gap="md">
          <Stack gap={4} miw={280} style={{ flex: 1 }}>
            <Select
              label="SMTP account"
              description="Alerts are mailed through it; none: no emails."
              placeholder={accounts.length === 0 ? 'No SMTP account yet' : 'None: no emails'}
              data={accounts}
              value={smtpConnectionId}
              onChange={setSmtpConnectionId}
              clearable
              clearButtonProps={{ 'aria-label': 'No SMTP account' }}
              error={problems.smtpConnectionId}
            />
            <Anchor component={Link} to="/connections?pack=smtp" size="sm">
              <Group gap={4} component="span">
                <IconPlus size={14} aria-hidden /> Add an SMTP account
              </Group>
            </Anchor>
          </Stack>
          <TagsInput
            label="Recipients"
            description="Addresses, separated by commas or Enter; empty: every owner."
            placeholder={recipients.length === 0 ? 'Every owner' : undefined}
            value={recipients}
            onChange={setRecipients}
            splitChars={[',', ' ', ';']}
            clearable
            error={problems.recipients}
            miw={280}
            style={{ flex: 1 }}
          />
        </Group>
        {problems.general && (
          <Alert color="red" role="alert">
            {problems.general}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={save.isPending}>
            Save alert settings
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="green.8" role="status">
              Saved: {save.data.smtpConnectionId === null ? 'alerts are not emailed' : `alerts are mailed to ${save.data.recipients.length === 0 ? 'every owner' : save.data.recipients.join(', ')}`}.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** Owners: which SMTP account alert emails go through and who gets them. */
export function AlertSettingsPanel() {
  const settings = useAlertSettings();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="alert-emails-title">
      <Stack gap="sm">
        <div>
          <Title order={3} id="alert-emails-title">
            Alert emails
          </Title>
          <Text size="sm" c="dimmed">
            When a check raises alerts, one email lists them all. Error-handler recipes whose trigger is "A recipe failed" with "Also start on
            integration alerts" run on them too.
          </Text>
        </div>
        {settings.error && <Alert color="red">{errorMessage(settings.error)}</Alert>}
        {settings.data && <AlertSettingsForm initial={settings.data} />}
      </Stack>
    </Paper>
  );
}
