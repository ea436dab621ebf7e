import { Alert, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import type { RunStep } from '@switchyard/server/contracts';
import { IconPlayerPlay } from '@tabler/icons-react';
import { dateTime, duration } from '../../app/format-time';
import { JsonView } from '../../app/json-view';
import { RunStatusBadge } from './run-status-badge';

interface Props {
  step: RunStep;
  onReplayFrom: (() => void) | null;
}

/** One step of a run: what went in, what came out or went wrong, how many attempts and how long. */
export function RunStepItem({ step, onReplayFrom }: Props) {
  const took = step.startedAt && step.finishedAt ? duration(step.finishedAt - step.startedAt) : null;
  return (
    <Stack gap="xs">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>{step.stepId}</Text>
          <Text size="sm" c="dimmed" ff="monospace">
            {step.use}
          </Text>
          <RunStatusBadge status={step.status} />
          {step.sideEffect && (
            <Badge variant="outline" color="orange" size="sm">
              side effect
            </Badge>
          )}
        </Group>
        {onReplayFrom && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconPlayerPlay size={14} aria-hidden />} onClick={onReplayFrom}>
            Replay from here
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {step.path !== step.stepId && <>at {step.path} · </>}
        {step.attempts} attempt{step.attempts === 1 ? '' : 's'}
        {step.startedAt && <> · started {dateTime(step.startedAt)}</>}
        {took && <> · took {took}</>}
        {step.nextAttemptAt && <> · next attempt {dateTime(step.nextAttemptAt)}</>}
      </Text>
      {step.error && (
        <Alert color="red" variant="light" title={step.error.code} p="xs">
          <Text size="sm">{step.error.message}</Text>
          {step.error.retryable !== undefined && (
            <Text size="xs" c="dimmed">
              {step.error.retryable ? 'Retryable' : 'Not retryable'}
            </Text>
          )}
        </Alert>
      )}
      <Tabs defaultValue={step.status === 'failed' ? 'input' : 'output'} keepMounted={false} variant="outline">
        <Tabs.List>
          <Tabs.Tab value="input">Input</Tabs.Tab>
          <Tabs.Tab value="output">Output</Tabs.Tab>
          {step.error?.details !== undefined && <Tabs.Tab value="details">Error details</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="input" pt="xs">
          <JsonView value={step.input} label={`Input of ${step.stepId}`} />
        </Tabs.Panel>
        <Tabs.Panel value="output" pt="xs">
          <JsonView value={step.output ?? undefined} label={`Output of ${step.stepId}`} />
        </Tabs.Panel>
        {step.error?.details !== undefined && (
          <Tabs.Panel value="details" pt="xs">
            <JsonView value={step.error.details} label={`Error details of ${step.stepId}`} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
