import { ActionIcon, Box, Button, Drawer, Flex, Group, ScrollArea, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCopy, IconReplace, IconTrash } from '@tabler/icons-react';
import type { RecipeDefinition, StepDefinitionJson } from '@switchyard/server/contracts';
import { useMemo, useState, type ReactNode } from 'react';
import { entryFor } from '../builder-context';
import type { Catalog } from '../catalog/step-catalog';
import type { LocatedProblem } from '../graph/problem-locations';
import { canMove } from '../graph/step-edits';
import { findStep } from '../graph/step-lists';
import { pillGroups } from '../pills/pill-sources';
import { StepIcon } from '../step-icon';
import { PillPanel } from './pill-panel';
import { PillTargetContext, type PillTarget } from './pill-target';
import { StepForm } from './step-form';

export interface StepPanelProps {
  /** `trigger`, a step id, or null when closed. */
  open: string | null;
  definition: RecipeDefinition;
  catalog: Catalog | undefined;
  problems: LocatedProblem[];
  triggerSample: unknown;
  stepSamples: Record<string, unknown>;
  onClose: () => void;
  onChangeStep: (id: string, change: Partial<StepDefinitionJson>) => void;
  onChangeTrigger: (change: { input?: Record<string, unknown> | undefined; connection?: string | undefined }) => void;
  onReplaceTrigger: () => void;
  onDelete: (id: string) => void;
  onDuplicate: (id: string) => void;
  onMove: (id: string, direction: 'up' | 'down') => void;
  /** Shown under the form: test data for the trigger, or a step's test. */
  testSection?: ReactNode;
}

/** The drawer that edits one step (or the trigger): its form beside the pill panel. Escape closes it. */
export function StepPanel(props: StepPanelProps) {
  const { open, definition, catalog, problems } = props;
  const [target, setTarget] = useState<PillTarget | null>(null);
  const pillTarget = useMemo(() => ({ target, setTarget }), [target]);
  const isTrigger = open === 'trigger';
  const step = open && !isTrigger ? findStep(definition, open)?.step : undefined;
  const item = isTrigger ? definition.trigger : step;
  const entry = item ? entryFor(catalog, item.use, isTrigger ? 'triggers' : 'steps') : undefined;
  const title = (step?.name || entry?.title) ?? item?.use ?? '';
  const stepTitle = (use: string) => entryFor(catalog, use, 'steps')?.title ?? entryFor(catalog, use, 'triggers')?.title ?? use;
  const groups = step
    ? pillGroups({ definition, stepId: step.id, triggerSample: props.triggerSample, stepSamples: props.stepSamples, stepTitle })
    : [];
  const own = problems.filter((problem) => problem.target === open);

  return (
    <Drawer
      opened={item !== undefined}
      onClose={() => {
        setTarget(null);
        props.onClose();
      }}
      position="right"
      size={step ? 'min(960px, 100vw)' : 'min(560px, 100vw)'}
      title={
        item && (
          <Group gap="sm" wrap="nowrap">
            <StepIcon use={item.use} icon={entry?.icon} size={28} />
            <div>
              <Text fw={600}>{title}</Text>
              <Text size="xs" c="dimmed">
                {step ? `${step.id} · ${item.use}` : `Trigger · ${item.use}`}
              </Text>
            </div>
          </Group>
        )
      }
      scrollAreaComponent={ScrollArea.Autosize}
    >
      {item && (
        <PillTargetContext.Provider value={pillTarget}>
          <Group gap="xs" mb="md">
            {step ? (
              <>
                <Tooltip label="Move up">
                  <ActionIcon variant="default" aria-label="Move step up" disabled={!canMove(definition, step.id, 'up')} onClick={() => props.onMove(step.id, 'up')}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Move down">
                  <ActionIcon variant="default" aria-label="Move step down" disabled={!canMove(definition, step.id, 'down')} onClick={() => props.onMove(step.id, 'down')}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Tooltip>
                <Button variant="default" size="xs" leftSection={<IconCopy size={14} />} onClick={() => props.onDuplicate(step.id)}>
                  Duplicate
                </Button>
                <Button variant="light" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => props.onDelete(step.id)}>
                  Delete
                </Button>
              </>
            ) : (
              <Button variant="default" size="xs" leftSection={<IconReplace size={14} />} onClick={props.onReplaceTrigger}>
                Change trigger
              </Button>
            )}
          </Group>
          <Flex direction={{ base: 'column', md: 'row' }} gap="lg" align="flex-start">
            <Box style={{ flex: 7, minWidth: 0, width: '100%' }}>
              <StepForm
                key={open}
                item={item}
                entry={entry}
                problems={own}
                onChange={(change) => (step ? props.onChangeStep(step.id, change) : props.onChangeTrigger(change))}
              />
              {props.testSection}
            </Box>
            {step && (
              <Box style={{ flex: 5, minWidth: 0, width: '100%', position: 'sticky', top: 0 }}>
                <PillPanel groups={groups} />
              </Box>
            )}
          </Flex>
        </PillTargetContext.Provider>
      )}
    </Drawer>
  );
}
