import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { structuralSteps } from '../steps/core-steps.js';
import { createId } from '../storage/create-id.js';
import { renderTemplate, type TemplateScope } from '../templates/index.js';
import type { EngineDeps } from './engine-deps.js';
import { executeStep } from './execute-step.js';
import { findStep } from './find-step.js';
import { recipeKvStore } from './recipe-kv-store.js';
import { hookEmitter } from './queue-hook-events.js';
import { stepConnectionFields } from './step-connection-fields.js';

export type StepTestResult =
  | { ok: true; input: unknown; output: unknown; wouldPark?: string; ms: number }
  | { ok: false; input: unknown; error: { code: string; message: string }; ms: number };

/** Loops and paths only arrange other steps: there is nothing of their own to run. */
export function arrangesSteps(use: string): boolean {
  return (structuralSteps as readonly string[]).includes(use);
}

export interface LocatedStep {
  step: StepDefinitionJson;
  /** The `core/loop` steps around it, outermost first. */
  loops: StepDefinitionJson[];
}

/** A step anywhere in a recipe's tree (loop bodies, paths, approval children, error handlers). */
export function findStepById(steps: StepDefinitionJson[], id: string, loops: StepDefinitionJson[] = []): LocatedStep | undefined {
  if (loops.length > 20) return undefined;
  for (const step of steps) {
    if (step.id === id) return { step, loops };
    const onError = typeof step.onError === 'object' ? step.onError.steps : [];
    const inside = step.use === 'core/loop' ? [...loops, step] : loops;
    const found =
      findStepById(step.steps ?? [], id, inside) ?? findStepById([...(step.paths ?? []).flatMap((path) => path.steps), ...onError], id, loops);
    if (found) return found;
  }
  return undefined;
}

/** Inside loops, `{{loop.item}}` is the first item each loop would go through with the sample data. */
function withLoopItems(loops: StepDefinitionJson[], scope: TemplateScope): { ok: true; scope: TemplateScope } | { ok: false; message: string } {
  let current = scope;
  for (const loop of loops) {
    let items: unknown;
    try {
      items = renderTemplate(loop.input?.['items'] ?? [], current);
    } catch (error) {
      return { ok: false, message: `the loop "${loop.id}" cannot list its items from the sample data: ${(error as Error).message}` };
    }
    if (!Array.isArray(items) || items.length === 0) return { ok: false, message: `the loop "${loop.id}" has no items in the sample data to test with` };
    current = { ...current, loop: { item: items[0], index: 0 } };
  }
  return { ok: true, scope: current };
}

/**
 * One attempt of one step against a sample scope, outside any run, by the engine's own path (find the
 * step, render, validate, run under the step timeout). No retries and no parking: a step that would
 * park says what it would wait for instead. What the step does outside Switchyard happens for real.
 */
export async function testStep(
  deps: EngineDeps,
  recipeId: string,
  { step, loops }: LocatedStep,
  sample: TemplateScope,
): Promise<StepTestResult> {
  const startedAt = deps.now();
  const elapsed = () => deps.now() - startedAt;
  const looped = withLoopItems(loops, sample);
  if (!looped.ok) return { ok: false, input: step.input ?? {}, error: { code: 'LOOP_ITEMS_UNAVAILABLE', message: looped.message }, ms: elapsed() };
  const found = await findStep(step.use, deps);
  if (!found.ok) return { ok: false, input: step.input ?? {}, error: { code: 'UNKNOWN_STEP', message: found.message }, ms: elapsed() };
  const runId = createId('test', startedAt);
  const ctx = {
    runId,
    recipeId,
    stepPath: step.id,
    idempotencyKey: `${runId}:${step.id}`,
    attempt: 1,
    connectionId: step.connection,
    connectionFields: (packId: string) => stepConnectionFields(deps, step.connection, packId),
    now: deps.now,
    egress: deps.egress,
    kv: recipeKvStore(deps, recipeId),
    // No run waits here, so no link could decide anything; the test answer says so instead.
    approvalLinks: () => ({ approveUrl: 'about:blank#test-approve', rejectUrl: 'about:blank#test-reject' }),
    // Real, like every other effect of a step test: subscribers (a Zap being set up) receive the sample event.
    emit: hookEmitter(deps, { recipeId, runId, eventKey: `${runId}:${step.id}` }),
  };
  const result = await executeStep(found.definition, step, looped.scope, ctx, step.timeoutMs ?? deps.stepTimeoutMs);
  if (!result.ok) {
    const { code, message } = result.failure;
    return { ok: false, input: result.input, error: { code, message }, ms: elapsed() };
  }
  const outcome = result.outcome;
  const at = (time: number) => new Date(time).toISOString();
  switch (outcome.kind) {
    case 'done':
      return { ok: true, input: result.input, output: outcome.output, ms: elapsed() };
    case 'sleep':
      return { ok: true, input: result.input, output: outcome.output, wouldPark: `a run would wait here until ${at(outcome.until)}`, ms: elapsed() };
    case 'wait':
      return { ok: true, input: result.input, output: outcome.output, wouldPark: `a run would wait here for a decision until ${at(outcome.deadline)}`, ms: elapsed() };
    case 'call':
      return {
        ok: true,
        input: result.input,
        output: { recipe: outcome.recipeId, input: outcome.input },
        wouldPark: `a run would start recipe ${outcome.recipeId} with this input and wait for it until ${at(outcome.deadline)}`,
        ms: elapsed(),
      };
  }
}
