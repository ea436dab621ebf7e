import { Alert, Box, Button, Flex, Group, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Recipe } from '@switchyard/server/contracts';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage, usePublishRecipe, useRecipe, useRecipeStatusAction } from '../api';
import { BuilderHeader } from './builder-header';
import { BuilderContext, type BuilderActions } from './builder-context';
import { useCatalog, useLatestRun } from './builder-api';
import type { CatalogEntry } from './catalog/step-catalog';
import { locateProblems } from './graph/problem-locations';
import { HistoryDrawer } from './history/history-drawer';
import { useRestoreVersion } from './history/use-restore-version';
import { createStep, deleteStep, duplicateStep, insertStep, moveStep, updateStep, type InsertionPoint } from './graph/step-edits';
import { StepPanel } from './panel/step-panel';
import { StepPicker } from './picker/step-picker';
import { sampleData } from './pills/sample-data';
import { useBuilderDraft } from './use-builder-draft';
import { TestSection } from './testing/test-section';
import { withTestSamples } from './testing/test-samples';
import { useTestSamples } from './testing/use-test-samples';

// The canvas (xyflow and dagre) is its own chunk, loaded with the builder and never on the first visit.
const RecipeCanvas = lazy(async () => ({ default: (await import('./canvas/recipe-canvas')).RecipeCanvas }));

type Picking = { kind: 'step'; at: InsertionPoint } | { kind: 'trigger' } | null;

// The published note names this recipe's webhook URL: it belongs to this builder and goes when the user leaves it.
const publishedNote = 'recipe-published';

export function Builder({ recipe: initial }: { recipe: Recipe }) {
  const recipe = useRecipe(initial.id).data ?? initial;
  const draft = useBuilderDraft(initial);
  const { definition, change } = draft;
  const catalog = useCatalog();
  const latestRun = useLatestRun(recipe.id);
  const publish = usePublishRecipe();
  const unpublish = useRecipeStatusAction('unpublish');
  const pause = useRecipeStatusAction('pause');
  const [picking, setPicking] = useState<Picking>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [history, setHistory] = useState(false);
  const restore = useRestoreVersion(recipe.id, draft, () => setHistory(false));
  useEffect(() => () => {
    notifications.hide(publishedNote);
  }, []);

  const problems = useMemo(() => locateProblems(definition, draft.problems), [definition, draft.problems]);
  const testing = useTestSamples();
  const samples = useMemo(
    () => withTestSamples(sampleData(definition, catalog.data, latestRun.data), testing.tested),
    [definition, catalog.data, latestRun.data, testing.tested],
  );

  const actions: BuilderActions = {
    catalog: catalog.data,
    problems,
    selected: open,
    openStep: setOpen,
    openTrigger: () => setOpen('trigger'),
    openPicker: (at) => setPicking({ kind: 'step', at }),
  };

  const pick = (entry: CatalogEntry) => {
    if (picking?.kind === 'trigger') {
      change((current) => ({ ...current, trigger: { use: entry.use, input: {} } }));
      setOpen('trigger');
    } else if (picking?.kind === 'step') {
      const step = createStep(definition, entry.use);
      change((current) => insertStep(current, picking.at, step));
      setOpen(step.id);
    }
    setPicking(null);
  };

  const runAction = async (label: string, action: () => Promise<unknown>) => {
    try {
      await action();
      notifications.show({ color: 'green', message: label });
    } catch (error) {
      notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error) });
    }
  };

  const onPublish = async () => {
    if (!(await draft.flush())) {
      notifications.show({ color: 'red', title: 'Cannot publish yet', message: 'The draft has problems; they are marked on the canvas.' });
      return;
    }
    try {
      const published = await publish.mutateAsync({ id: recipe.id });
      draft.setProblems([]);
      notifications.show({ id: publishedNote, autoClose: 8000, color: 'green', title: 'Published', message: published?.trigger?.webhookUrl ? `Send webhooks to ${published.trigger.webhookUrl}` : 'The recipe is live.' });
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) draft.setProblems(error.problems);
      notifications.show({ color: 'red', title: 'Cannot publish', message: errorMessage(error) });
    }
  };

  const unplaced = problems.filter((problem) => problem.target === '');
  const busy = publish.isPending || unpublish.isPending || pause.isPending;

  return (
    <BuilderContext.Provider value={actions}>
      <Flex direction="column" h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" mih={560}>
        <BuilderHeader
          recipe={recipe}
          saveState={draft.state}
          busy={busy}
          onPublish={() => void onPublish()}
          onUnpublish={() => void runAction('Unpublished: the trigger is off.', () => unpublish.mutateAsync(recipe.id))}
          onPause={() => void runAction('Paused: the trigger is off until you publish again.', () => pause.mutateAsync(recipe.id))}
          onHistory={() => setHistory(true)}
        />
        {problems.length > 0 && (
          <Alert color="red" mb="sm" title={`${problems.length} problem${problems.length > 1 ? 's' : ''} to fix`}>
            <List size="sm" spacing={2}>
              {problems.slice(0, 8).map((problem) => (
                <List.Item key={problem.path + problem.message}>
                  <Group gap="xs" wrap="nowrap">
                    {problem.target && (
                      <Button variant="subtle" size="compact-xs" onClick={() => setOpen(problem.target)}>
                        {problem.target === 'trigger' ? 'Trigger' : problem.target}
                        {problem.field ? ` › ${problem.field}` : ''}
                      </Button>
                    )}
                    <Text size="sm">{problem.message}</Text>
                  </Group>
                </List.Item>
              ))}
            </List>
            {unplaced.length > 0 && <Text size="xs">Some problems concern the recipe as a whole.</Text>}
          </Alert>
        )}
        <Box flex={1} mih={360} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}>
          <Suspense fallback={<Text p="md">Loading the canvas…</Text>}>
            <RecipeCanvas definition={definition} />
          </Suspense>
        </Box>
      </Flex>
      <StepPicker
        opened={picking !== null}
        title={picking?.kind === 'trigger' ? 'Choose the trigger' : 'Add a step'}
        entries={picking?.kind === 'trigger' ? catalog.data?.triggers ?? [] : catalog.data?.steps ?? []}
        loading={catalog.isPending}
        onPick={pick}
        onClose={() => setPicking(null)}
      />
      <StepPanel
        open={picking === null ? open : null}
        definition={definition}
        catalog={catalog.data}
        problems={problems}
        triggerSample={samples.triggerSample}
        stepSamples={samples.stepSamples}
        onClose={() => setOpen(null)}
        onChangeStep={(id, stepChange) => change((current) => updateStep(current, id, stepChange))}
        onChangeTrigger={(triggerChange) => change((current) => ({ ...current, trigger: { ...current.trigger, ...triggerChange } }))}
        onReplaceTrigger={() => setPicking({ kind: 'trigger' })}
        onDelete={(id) => {
          change((current) => deleteStep(current, id));
          setOpen(null);
        }}
        onDuplicate={(id) => {
          const result = duplicateStep(definition, id);
          change(() => result.definition);
          setOpen(result.id);
        }}
        onMove={(id, direction) => change((current) => moveStep(current, id, direction))}
        testSection={
          <TestSection open={open} recipeId={recipe.id} triggerId={recipe.trigger?.id} definition={definition} catalog={catalog.data} samples={samples} testing={testing} save={draft.flush} />
        }
      />
      <HistoryDrawer recipeId={recipe.id} opened={history} restoring={restore.restoring} onRestore={(version) => void restore.restore(version)} onClose={() => setHistory(false)} />
    </BuilderContext.Provider>
  );
}
