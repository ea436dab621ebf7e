import { Accordion, Alert, Anchor, Breadcrumbs, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import type { RunStep } from '@switchyard/server/contracts';
import { IconAlertTriangle, IconCheck, IconClock, IconPlayerPlay, IconPlayerSkipForward, IconRefresh, IconX } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { useRecipe } from '../../api/recipes';
import { useRun } from '../../api/runs';
import { dateTime, duration } from '../../app/format-time';
import { JsonView } from '../../app/json-view';
import { PageLoader } from '../../app/page-loader';
import { failedStep, type ReplayStart } from './replay-from';
import { ReplayModal } from './replay-modal';
import { RunStatusBadge } from './run-status-badge';
import { RunStepItem } from './run-step-item';

// The canvas (xyflow and dagre) is its own chunk, loaded only when the canvas view is chosen.
const RunCanvas = lazy(async () => ({ default: (await import('./run-canvas')).RunCanvas }));

const bullets: Partial<Record<RunStep['status'], { icon: typeof IconCheck; color: string }>> = {
  succeeded: { icon: IconCheck, color: 'green' },
  failed: { icon: IconX, color: 'red' },
  skipped: { icon: IconPlayerSkipForward, color: 'gray' },
  retrying: { icon: IconRefresh, color: 'orange' },
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function RunScreen() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const recipe = useRecipe(run.data?.recipeId ?? '', run.data !== undefined);
  const [replay, setReplay] = useState<ReplayStart | null>(null);
  const [view, setView] = useState<'timeline' | 'canvas'>('timeline');

  if (run.error) return <Alert color="red" title="This run cannot be shown">{errorMessage(run.error)}</Alert>;
  if (!run.data) return <PageLoader />;
  const detail = run.data;
  const failed = failedStep(detail.steps);
  const recipeName = recipe.data?.name ?? 'Recipe';

  return (
    <Stack gap="md" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/runs">
          Runs
        </Anchor>
        <Anchor component={Link} to={`/runs?recipe=${detail.recipeId}`}>
          {recipeName}
        </Anchor>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={1} size="h2">
            Run of {recipeName}
          </Title>
          <RunStatusBadge status={detail.status} />
        </Group>
        <Group gap="xs">
          {failed && (
            <Button variant="light" color="red" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => setReplay({ kind: 'failed' })}>
              Replay from the failed step
            </Button>
          )}
          <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => setReplay({ kind: 'start' })}>
            Replay…
          </Button>
        </Group>
      </Group>

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label="Trigger">{detail.triggerKind}</Fact>
          <Fact label="Created">{dateTime(detail.createdAt)}</Fact>
          <Fact label="Took">{detail.startedAt && detail.finishedAt ? duration(detail.finishedAt - detail.startedAt) : '—'}</Fact>
          <Fact label="Replay of">
            {detail.replayOf ? (
              <Anchor component={Link} to={`/runs/${detail.replayOf}`} size="sm">
                the original run
              </Anchor>
            ) : (
              '—'
            )}
          </Fact>
        </SimpleGrid>
      </Paper>

      {detail.error && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={`The run failed: ${detail.error.code}`}>
          {detail.error.message}
        </Alert>
      )}

      <Accordion variant="contained">
        <Accordion.Item value="trigger">
          <Accordion.Control>Trigger event</Accordion.Control>
          <Accordion.Panel>
            <JsonView value={detail.trigger} label="Trigger event" />
          </Accordion.Panel>
        </Accordion.Item>
        {detail.output !== undefined && detail.output !== null && (
          <Accordion.Item value="output">
            <Accordion.Control>Run output</Accordion.Control>
            <Accordion.Panel>
              <JsonView value={detail.output} label="Run output" />
            </Accordion.Panel>
          </Accordion.Item>
        )}
      </Accordion>

      <Group justify="space-between">
        <Title order={2} size="h4">
          Steps
        </Title>
        <SegmentedControl
          aria-label="Show the steps as"
          value={view}
          onChange={(value) => setView(value as typeof view)}
          data={[
            { value: 'timeline', label: 'Timeline' },
            { value: 'canvas', label: 'Canvas' },
          ]}
        />
      </Group>
      {view === 'canvas' ? (
        <Suspense fallback={<PageLoader />}>
          <RunCanvas run={detail} onReplayFrom={(path) => setReplay({ kind: 'step', path })} />
        </Suspense>
      ) : detail.steps.length === 0 ? (
        <Text c="dimmed">No step has run yet.</Text>
      ) : (
        <Timeline bulletSize={26} lineWidth={2} active={detail.steps.length}>
          {detail.steps.map((step) => {
            const look = bullets[step.status] ?? { icon: IconClock, color: 'blue' };
            return (
              <Timeline.Item key={step.path} color={look.color} bullet={<look.icon size={14} aria-hidden />}>
                <Paper withBorder p="sm" ml="xs">
                  <RunStepItem step={step} onReplayFrom={() => setReplay({ kind: 'step', path: step.path })} />
                </Paper>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {replay && <ReplayModal run={detail} initial={replay} onClose={() => setReplay(null)} />}
    </Stack>
  );
}
