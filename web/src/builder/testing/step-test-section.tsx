import { Alert, Button, Code, Divider, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { sampleScope, type Samples } from './test-samples';
import { useTestStep } from './testing-api';

interface StepTestSectionProps {
  recipeId: string;
  stepId: string;
  samples: Samples;
  /** Saves the draft: the server tests the step as the newest saved version has it. */
  save: () => Promise<boolean>;
  onOutput: (stepId: string, output: unknown) => void;
}

const show = (value: unknown) => JSON.stringify(value, null, 2) ?? 'empty';

/** Runs the step once on the current samples, for real, and shows what it did; its output feeds later steps' pills. */
export function StepTestSection({ recipeId, stepId, samples, save, onOutput }: StepTestSectionProps) {
  const test = useTestStep(recipeId);
  const [unsaved, setUnsaved] = useState(false);

  const run = async () => {
    setUnsaved(false);
    if (!(await save())) {
      setUnsaved(true);
      return;
    }
    const result = await test.mutateAsync({ stepId, sample: sampleScope(samples) });
    if (result.ok) onOutput(stepId, result.output);
  };

  const confirm = () =>
    modals.openConfirmModal({
      title: 'Test this step for real?',
      children: (
        <Text size="sm">
          The step runs once with the sample data, outside any run. Whatever it does outside Switchyard (a request sent, a message
          posted, a record changed) really happens.
        </Text>
      ),
      labels: { confirm: 'Run the test', cancel: 'Cancel' },
      onConfirm: () => void run().catch(() => undefined),
    });

  const result = test.data;
  return (
    <Stack gap="sm" mt="lg">
      <Divider label="Test" labelPosition="left" />
      <Group gap="xs">
        <Button size="xs" leftSection={<IconPlayerPlay size={14} />} loading={test.isPending} onClick={confirm}>
          Test step
        </Button>
        {result && (
          <Text size="xs" c="dimmed">
            {result.ok ? 'Succeeded' : 'Failed'} in {result.ms} ms
          </Text>
        )}
      </Group>
      {unsaved && <Alert color="red">The draft has problems, so it could not be saved for the test; fix those marked in red.</Alert>}
      {test.isError && <Alert color="red">{errorMessage(test.error)}</Alert>}
      {result && !test.isPending && (
        <Stack gap="xs" data-testid="step-test-result">
          {result.error && (
            <Alert color="red" title={result.error.code}>
              {result.error.message}
            </Alert>
          )}
          {result.wouldPark && <Alert color="blue">Not waited for in a test: {result.wouldPark}.</Alert>}
          {result.ok && (
            <>
              <Text size="sm" fw={500}>
                Output
              </Text>
              <Code block fz="xs" style={{ maxHeight: 240, overflow: 'auto' }} data-testid="step-test-output">
                {show(result.output)}
              </Code>
            </>
          )}
          <Text size="sm" fw={500}>
            Input as sent
          </Text>
          <Code block fz="xs" style={{ maxHeight: 160, overflow: 'auto' }}>
            {show(result.input)}
          </Code>
        </Stack>
      )}
    </Stack>
  );
}
