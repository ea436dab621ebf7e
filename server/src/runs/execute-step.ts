import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { problemsFromZod } from '../contracts/problem.js';
import type { StepContext, StepDefinition, StepOutcome } from '../steps/define-step.js';
import { StepError } from '../steps/step-error.js';
import { renderTemplate, type TemplateScope } from '../templates/index.js';
import { toFailure, type Failure } from './to-step-error.js';

export type Attempt =
  | { ok: true; input: unknown; outcome: StepOutcome }
  | { ok: false; input: unknown; failure: Failure };

/**
 * One attempt of one action step: render its input against the scope, validate it with the step's
 * schema, run it under a deadline. Never throws.
 */
export async function executeStep(
  definition: StepDefinition,
  step: StepDefinitionJson,
  scope: TemplateScope,
  ctx: Omit<StepContext, 'signal'>,
  timeoutMs: number,
  /** Aborted when this process stops and its grace period is over. */
  stop?: AbortSignal,
): Promise<Attempt> {
  let input: unknown = null;
  try {
    input = renderTemplate(step.input ?? {}, scope);
  } catch (error) {
    return { ok: false, input: step.input ?? {}, failure: toFailure(error) };
  }
  const parsed = definition.input.safeParse(input);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error, '/input');
    const message = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return { ok: false, input, failure: { code: 'INVALID_STEP_INPUT', message, retryable: false, details: problems } };
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    const end = (error: StepError) => {
      controller.abort(error);
      reject(error);
    };
    timer = setTimeout(() => end(new StepError('STEP_TIMEOUT', `the step did not finish within ${timeoutMs} ms`, { retryable: true })), timeoutMs);
    // Another process may take the job over once we are gone; it must not find this attempt still running.
    onStop = () => end(new StepError('WORKER_STOPPING', 'the server stopped during this step; it will be tried again', { retryable: true, retryAfterMs: 0 }));
    if (stop?.aborted) onStop();
    else stop?.addEventListener('abort', onStop, { once: true });
  });
  try {
    const outcome = await Promise.race([definition.run(parsed.data, { ...ctx, signal: controller.signal }), interrupted]);
    return { ok: true, input, outcome };
  } catch (error) {
    return { ok: false, input, failure: toFailure(error) };
  } finally {
    clearTimeout(timer);
    if (onStop) stop?.removeEventListener('abort', onStop);
  }
}
