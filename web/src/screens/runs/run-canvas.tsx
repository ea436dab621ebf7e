import '@xyflow/react/dist/style.css';
import { Alert, Box, Drawer, Loader, Paper, Stack, Text } from '@mantine/core';
import type { RunDetail } from '@switchyard/server/contracts';
import { useQuery } from '@tanstack/react-query';
import { Background, Controls, ReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { errorMessage, exportRecipe } from '../../api';
import { JsonView } from '../../app/json-view';
import { BranchNode, FrameNode } from '../../builder/canvas/frame-node';
import { flowOf, ViewFromTop } from '../../builder/canvas/recipe-canvas';
import { runGraph } from './run-graph';
import { RunCanvasContext, RunStepNode } from './run-step-node';
import { stepRunOf, stepRunStates } from './run-step-states';
import { RunStepItem } from './run-step-item';

const nodeTypes = { trigger: RunStepNode, step: RunStepNode, frame: FrameNode, branch: BranchNode };

interface Props {
  run: RunDetail;
  onReplayFrom: (path: string) => void;
}

/**
 * The run drawn on the recipe's canvas (the version it ran): each step coloured by how it fared, and a click
 * on a step shows its input, output, error, attempts and timing, one record per loop iteration.
 */
export function RunCanvas({ run, onReplayFrom }: Props) {
  const version = useQuery({
    queryKey: ['recipes', 'export', run.recipeId, run.versionId],
    queryFn: () => exportRecipe(run.recipeId, run.versionId),
    staleTime: Infinity,
  });
  const [open, setOpen] = useState<string | null>(null);
  const states = useMemo(() => stepRunStates(run.steps), [run.steps]);
  const flow = useMemo(() => (version.data ? flowOf(runGraph(version.data)) : null), [version.data]);

  if (version.error) return <Alert color="red" title="The recipe version of this run cannot be shown">{errorMessage(version.error)}</Alert>;
  if (!flow) return <Loader aria-label="Loading the canvas" />;
  const records = open && open !== 'trigger' ? stepRunOf(states, open).steps : [];

  return (
    <RunCanvasContext.Provider value={{ states, selected: open, open: setOpen }}>
      <Box h={560} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}>
        <ReactFlow nodes={flow.nodes} edges={flow.edges} nodeTypes={nodeTypes} panOnScroll minZoom={0.2} nodesConnectable={false} proOptions={{ hideAttribution: true }} aria-label="Run canvas">
          <Background gap={24} />
          <Controls showInteractive={false} />
          <ViewFromTop count={flow.nodes.length} />
        </ReactFlow>
      </Box>
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="lg" title={open === 'trigger' ? 'Trigger event' : `Step ${open ?? ''}`}>
        {open === 'trigger' ? (
          <JsonView value={run.trigger} label="Trigger event" />
        ) : records.length === 0 ? (
          <Text c="dimmed">The run did not reach this step.</Text>
        ) : (
          <Stack gap="sm">
            {records.map((step) => (
              <Paper key={step.path} withBorder p="sm">
                <RunStepItem step={step} onReplayFrom={() => onReplayFrom(step.path)} />
              </Paper>
            ))}
          </Stack>
        )}
      </Drawer>
    </RunCanvasContext.Provider>
  );
}
