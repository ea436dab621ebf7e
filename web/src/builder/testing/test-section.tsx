import type { RecipeDefinition } from '@switchyard/server/contracts';
import { entryFor } from '../builder-context';
import type { Catalog } from '../catalog/step-catalog';
import { findStep } from '../graph/step-lists';
import { HandshakeTokenNote } from './handshake-token-note';
import { StepTestSection } from './step-test-section';
import type { Samples } from './test-samples';
import { TestTriggerPanel } from './test-trigger-panel';
import type { TestingState } from './use-test-samples';

interface TestSectionProps {
  /** What the step panel shows: `trigger` or a step id. */
  open: string | null;
  recipeId: string;
  /** The live trigger, when the recipe is published. */
  triggerId: string | undefined;
  definition: RecipeDefinition;
  catalog: Catalog | undefined;
  samples: Samples;
  testing: TestingState;
  save: () => Promise<boolean>;
}

/** The testing part of the step panel: trigger test data for the trigger, a step test for a step (not loops or paths). */
export function TestSection({ open, recipeId, triggerId, definition, catalog, samples, testing, save }: TestSectionProps) {
  if (open === 'trigger') {
    const { use } = definition.trigger;
    const entry = entryFor(catalog, use, 'triggers');
    return (
      <>
        {triggerId && entry?.packId && entry.triggerKind === 'webhook' && <HandshakeTokenNote triggerId={triggerId} vendor={entry.group} />}
        <TestTriggerPanel
          recipeId={recipeId}
          isWebhook={use === 'core/webhook' || entry?.triggerKind === 'webhook' || entry?.triggerKind === 'subscription'}
          sample={entry?.sample}
          chosen={testing.chosen}
          onChoose={testing.chooseTrigger}
          save={save}
        />
      </>
    );
  }
  const step = open ? findStep(definition, open)?.step : undefined;
  if (!step || step.use === 'core/loop' || step.use === 'core/paths') return null;
  return <StepTestSection key={step.id} recipeId={recipeId} stepId={step.id} samples={samples} save={save} onOutput={testing.recordOutput} />;
}
