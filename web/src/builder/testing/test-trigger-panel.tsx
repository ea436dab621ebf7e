import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Divider, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconHistory, IconPlayerRecord, IconTestPipe } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api';
import { useStartTestTrigger, useTestTrigger, useTriggerSamples } from './testing-api';

export interface ChosenEvent {
  /** `test:<id>`, `run:<id>` or `sample`: which listed event is in use. */
  key: string;
  event: unknown;
}

interface TestTriggerPanelProps {
  recipeId: string;
  /** Webhook triggers (`core/webhook`, a pack's webhook or subscription trigger) take test deliveries. */
  isWebhook: boolean;
  /** The trigger's sample from its pack (or core form), if it has one. */
  sample: unknown;
  chosen: string | undefined;
  onChoose: (chosen: ChosenEvent) => void;
  /** Saves the draft: test deliveries go to the trigger as the newest saved version has it. */
  save: () => Promise<boolean>;
}

interface Listed {
  key: string;
  label: string;
  event: unknown;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();
const preview = (event: unknown) => {
  const shown = event && typeof event === 'object' && 'body' in event ? (event as { body: unknown }).body : event;
  const text = JSON.stringify(shown, null, 2) ?? 'empty';
  return text.length > 600 ? `${text.slice(0, 599)}…` : text;
};

/**
 * Trigger data for the pills: catch the next webhook at a test URL (no run starts), pick an event of a
 * recent run, or the trigger's sample. The event picked feeds every step's data pills.
 */
export function TestTriggerPanel({ recipeId, isWebhook, sample, chosen, onChoose, save }: TestTriggerPanelProps) {
  const start = useStartTestTrigger(recipeId);
  const [showRecent, setShowRecent] = useState(false);
  // Reopening the panel finds a test URL still live (and what it caught) on the server.
  const captured = useTestTrigger(recipeId, isWebhook);
  const recent = useTriggerSamples(recipeId, showRecent);
  const listener = captured.data?.listening ?? null;
  const [startedHere, setStartedHere] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  const expired = startedHere && captured.data !== undefined && listener === null;

  const deliveries = captured.data?.events ?? [];
  const refusals = deliveries.filter((item) => item.refused);
  const testEvents: Listed[] = deliveries.filter((item) => !item.refused).map((item) => ({ key: `test:${item.id}`, label: `Test delivery at ${time(item.capturedAt)}`, event: item.event }));
  const runEvents: Listed[] = showRecent ? (recent.data?.recent ?? []).map((run) => ({ key: `run:${run.runId}`, label: `Run at ${time(run.createdAt)}`, event: run.event })) : [];
  const listed = [...testEvents, ...runEvents];

  // A delivery arriving while the panel is open is put to use, as a test usually means "this one";
  // what was already there when the panel opened leaves the current choice alone (null: nothing was).
  const newest = testEvents[0];
  const seen = useRef<string | null | undefined>(undefined);
  const loaded = captured.data !== undefined;
  useEffect(() => {
    if (!loaded) return;
    if (seen.current === undefined) {
      seen.current = newest?.key ?? null;
      return;
    }
    if (!newest || newest.key === seen.current) return;
    seen.current = newest.key;
    onChoose({ key: newest.key, event: newest.event });
  }, [loaded, newest, onChoose]);

  const listen = async () => {
    // A trigger just changed to Webhook may not be saved yet; the server would still see the old one.
    const saved = await save();
    setUnsaved(!saved);
    if (!saved) return;
    await start.mutateAsync();
    seen.current = null;
    setStartedHere(true);
    await captured.refetch();
  };

  return (
    <Stack gap="sm" mt="lg">
      <Divider label="Test data" labelPosition="left" />
      <Text size="sm" c="dimmed">
        The event you pick here is the sample behind the trigger’s data pills in every step.
      </Text>
      <Group gap="xs">
        {isWebhook && (
          <Button size="xs" leftSection={<IconPlayerRecord size={14} />} loading={start.isPending} onClick={() => void listen()}>
            {listener ? 'New test URL' : 'Test trigger'}
          </Button>
        )}
        <Button size="xs" variant="default" leftSection={<IconHistory size={14} />} onClick={() => setShowRecent(true)} loading={recent.isFetching}>
          Load recent events
        </Button>
        {sample !== undefined && (
          <Button size="xs" variant="default" leftSection={<IconTestPipe size={14} />} onClick={() => onChoose({ key: 'sample', event: sample })}>
            Use sample
          </Button>
        )}
      </Group>
      {unsaved && <Alert color="red">The draft has problems, so it could not be saved for the test; fix those marked in red.</Alert>}
      {start.isError && <Alert color="red">{errorMessage(start.error)}</Alert>}
      {listener && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={500}>
            Send a test delivery (POST) to:
          </Text>
          <Group gap={4} wrap="nowrap" mt={4}>
            <Code data-testid="test-url" style={{ wordBreak: 'break-all' }}>
              {listener.url}
            </Code>
            <CopyButton value={listener.url}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'}>
                  <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy the test URL">
                    {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group gap="xs" mt="xs" wrap="nowrap" role="status" aria-live="polite">
            <Loader size="xs" type="dots" />
            <Text size="xs" c="dimmed">
              Waiting for deliveries until {time(listener.expiresAt)}. They are checked like real ones but start no run.
            </Text>
          </Group>
        </Paper>
      )}
      {refusals.map((item) => (
        <Alert key={item.id} color={item.refused?.code === 'FILTERED' ? 'yellow' : 'red'} title={`${item.refused?.code === 'FILTERED' ? 'Filtered out' : 'Refused'}: delivery at ${time(item.capturedAt)}`} data-testid="refused-delivery">
          {item.refused?.message}
        </Alert>
      ))}
      {expired && <Alert color="yellow">The test URL has expired; start a new test to listen again.</Alert>}
      {showRecent && recent.data && recent.data.recent.length === 0 && (
        <Text size="xs" c="dimmed">
          This recipe has no runs yet.
        </Text>
      )}
      {recent.isError && <Alert color="red">{errorMessage(recent.error)}</Alert>}
      {chosen === 'sample' && (
        <Badge variant="light" color="green">
          Using the trigger’s sample
        </Badge>
      )}
      {listed.map((item) => (
        <Paper key={item.key} withBorder p="xs" data-testid="trigger-event">
          <Group justify="space-between" wrap="nowrap" mb={4}>
            <Text size="sm">{item.label}</Text>
            {chosen === item.key ? (
              <Badge variant="light" color="green">
                In use
              </Badge>
            ) : (
              <Button size="compact-xs" variant="light" onClick={() => onChoose({ key: item.key, event: item.event })} aria-label={`Use the event: ${item.label}`}>
                Use this event
              </Button>
            )}
          </Group>
          <Code block fz="xs" style={{ maxHeight: 160, overflow: 'auto' }}>
            {preview(item.event)}
          </Code>
        </Paper>
      ))}
    </Stack>
  );
}
