import type { RecipeDefinition, RunDetail } from '@switchyard/server/contracts';
import type { Catalog } from '../catalog/step-catalog';
import { findEntry } from '../catalog/step-catalog';
import { allSteps } from '../graph/step-lists';

/**
 * The data pills are made of. Real data wins: the latest run's trigger event and each step's recorded
 * output; otherwise the pack's sample (or the core step's output shape).
 */
export function sampleData(definition: RecipeDefinition, catalog: Catalog | undefined, run: RunDetail | null | undefined) {
  const triggerEntry = catalog ? findEntry(catalog.triggers, definition.trigger.use) : undefined;
  const triggerSample = run?.trigger ?? triggerEntry?.sample;
  const stepSamples: Record<string, unknown> = {};
  for (const { step } of allSteps(definition)) {
    // Inside a loop a step runs once per item (paths like each[2].ping); the first recorded one is a fair sample.
    const recorded = run?.steps.find((row) => row.stepId === step.id && row.status === 'succeeded');
    const sample = recorded ? recorded.output : catalog ? findEntry(catalog.steps, step.use)?.sample : undefined;
    if (sample !== undefined) stepSamples[step.id] = sample;
  }
  return { triggerSample, stepSamples };
}
