import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { structuralSteps } from '../steps/core-steps.js';
import { createId } from '../storage/create-id.js';
import type { TemplateScope } from '../templates/index.js';
import type { EngineDeps } from './engine-deps.js';
import { executeStep } from './execute-step.js';
import { findStep } from './find-step.js';
import { recipeKvStore } from './recipe-kv-store.js';

export type StepTestResult =
  | { ok: true; input: unknown; output: unknown; wouldPark?: string; ms: number }
  | { ok: false; input: unknown; error: { code: string; message: string }; ms: number };

/** Loops and paths only arrange other steps: there is nothing of their own to run. */
export function arrangesSteps(use: string): boolean {
  return (structuralSteps as readonly string[]).includes(use);
}

/** A step anywhere in a recipe's tree (loop bodies, paths, approval children, error handlers). */
export function findStepById(steps: StepDefinitionJson[], id: string, depth = 0): StepDefinitionJson | undefined {
  if (depth > 20) return undefined;
  for (const step of steps) {
    if (step.id === id) return step;
    const onError = typeof step.onError === 'object' ? step.onError.steps : [];
    const children = [...(step.steps ?? []), ...(step.paths ?? []).flatMap((path) => path.steps), ...onError];
    const found = findStepById(children, id, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * One attempt of one step against a sample scope, outside any run, by the engine's own path (find the
 * step, render, validate, run under the step timeout). No retries and no parking: a step that would
 * park says what it would wait for instead. What the step does outside Switchyard happens for real.
 */
export async function testStep(
  deps: EngineDeps,
  recipeId: string,
  step: StepDefinitionJson,
  scope: TemplateScope,
): Promise<StepTestResult> {
  const startedAt = deps.now();
  const elapsed = () => deps.now() - startedAt;
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
    now: deps.now,
    egress: deps.egress,
    kv: recipeKvStore(deps, recipeId),
    // No run waits here, so no link could decide anything; the test answer says so instead.
    approvalLinks: () => ({ approveUrl: 'about:blank#test-approve', rejectUrl: 'about:blank#test-reject' }),
  };
  const result = await executeStep(found.definition, step, scope, ctx, step.timeoutMs ?? deps.stepTimeoutMs);
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
