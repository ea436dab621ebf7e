import { Alert, Badge, Button, Checkbox, Group, Loader, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RunDetail } from '@switchyard/server/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { useReplay, useReplayPreview } from '../../api/runs';
import { useFocusReturnOnUnmount } from '../../app/use-focus-return-on-unmount';
import { failedStep, replayFrom, type ReplayStart } from './replay-from';

interface Props {
  run: RunDetail;
  initial: ReplayStart;
  onClose: () => void;
}

function StepChips({ label, paths, color }: { label: string; paths: string[]; color: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {paths.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Group gap={4}>
          {paths.map((path) => (
            <Badge key={path} color={color} variant="light" tt="none">
              {path}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** Replay from the start, the failed step or any step, after seeing which side-effecting steps would run again. */
export function ReplayModal({ run, initial, onClose }: Props) {
  useFocusReturnOnUnmount();
  const navigate = useNavigate();
  const failed = failedStep(run.steps);
  const [start, setStart] = useState<ReplayStart>(initial);
  const [latest, setLatest] = useState(false);
  const choice = { from: replayFrom(start), version: latest ? ('latest' as const) : ('original' as const) };
  const preview = useReplayPreview(run.id, choice);
  const replay = useReplay();
  const stepPaths = [...new Set(run.steps.map((step) => step.path))];

  const confirm = () =>
    replay.mutate(
      { id: run.id, ...choice },
      {
        onSuccess: ({ runId }) => {
          notifications.show({ color: 'green', message: 'The replay is queued.' });
          onClose();
          void navigate(`/runs/${runId}`);
        },
      },
    );

  return (
    <Modal opened onClose={onClose} title="Replay this run" size="lg" centered>
      <Stack gap="md">
        <Radio.Group
          label="Start from"
          value={start.kind}
          onChange={(kind) => setStart(kind === 'step' ? { kind, path: start.kind === 'step' ? start.path : (stepPaths[0] ?? '') } : { kind: kind as 'start' | 'failed' })}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="start" label="The start: every step runs again" />
            <Radio value="failed" disabled={!failed} label={failed ? `The failed step (${failed.path})` : 'The failed step (no step failed)'} />
            <Radio value="step" disabled={stepPaths.length === 0} label="A step of my choice" />
          </Stack>
        </Radio.Group>
        {start.kind === 'step' && (
          <Select
            label="Step"
            data={stepPaths}
            value={start.path}
            onChange={(path) => path && setStart({ kind: 'step', path })}
            allowDeselect={false}
            searchable
          />
        )}
        <Checkbox
          label="Use the recipe's current version instead of the one this run used"
          checked={latest}
          onChange={(event) => setLatest(event.currentTarget.checked)}
        />
        {preview.isPending && <Loader size="sm" aria-label="Working out what would run again" />}
        {preview.error && <Alert color="red">{errorMessage(preview.error)}</Alert>}
        {preview.data && (
          <Stack gap="sm">
            <StepChips label="Recorded outputs reused" paths={preview.data.reused} color="gray" />
            <StepChips label="Run again" paths={preview.data.rerun} color="blue" />
            {preview.data.sideEffectsRerun.length > 0 ? (
              <Alert color="orange" title="These steps change things outside Switchyard and will do so again">
                <Group gap={4}>
                  {preview.data.sideEffectsRerun.map((id) => (
                    <Badge key={id} color="orange" tt="none">
                      {id}
                    </Badge>
                  ))}
                </Group>
              </Alert>
            ) : (
              <Alert color="green">No step with side effects runs again.</Alert>
            )}
          </Stack>
        )}
        {replay.error && <Alert color="red">{errorMessage(replay.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={confirm} loading={replay.isPending} disabled={!preview.data}>
            Replay
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
