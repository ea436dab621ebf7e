import type { RecipeDefinition, StepDefinitionJson } from '../contracts/recipe-definition.js';
import { findCoreStep } from '../steps/core-steps.js';
import { evaluateCondition, conditionSchema } from '../steps/filter-condition.js';
import { fromJson, toJson } from '../storage/json-column.js';
import { jobRepo } from '../storage/job-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { Trx } from '../storage/database.js';
import type { JobRow, RunRow, RunStepRow } from '../storage/tables.js';
import { renderTemplate, type TemplateScope } from '../templates/index.js';
import { signApproval } from './approval-token.js';
import type { EngineDeps } from './engine-deps.js';
import { executeStep } from './execute-step.js';
import { recipeKvStore } from './recipe-kv-store.js';
import { hookEmitter } from './queue-hook-events.js';
import { stepProgress } from './step-progress.js';
import { stepConnectionFields } from './step-connection-fields.js';
import { findStep } from './find-step.js';
import { next, park, stop, type Flow } from './flow.js';
import { idempotencyKey } from './idempotency-key.js';
import { nextRetryDelay } from './retry-policy.js';
import { startChildRun } from './start-child-run.js';
import type { Failure } from './to-step-error.js';

const maxLoopItems = 10_000;

interface Scope extends TemplateScope {
  trigger: unknown;
  steps: Record<string, { output: unknown; error?: unknown }>;
  loop?: { item: unknown; index: number };
}

/**
 * Walks one run of one recipe version from wherever it stands. Every step's result is committed before
 * the next step starts; steps already recorded as finished are never executed again, so a run resumed
 * after a crash, a delay or a retry continues exactly where it was.
 */
export class RunWalker {
  private seq: number;
  /** Set when a step commit finds the run cancelled: nothing more is executed. */
  private cancelled = false;
  private readonly skipped: RunStepRow[] = [];
  /** When the run times out: the recipe's `settings.runTimeoutMs` counted from its creation, else the default set at creation. */
  private readonly deadline: number | null;
  /** Time spent parked in delays, approvals and sub-recipes, which does not count towards the deadline. */
  private parkedMs = 0;
  lastOutput: unknown = null;

  constructor(
    private readonly deps: EngineDeps,
    private readonly run: RunRow,
    private readonly job: JobRow,
    private readonly definition: RecipeDefinition,
    private readonly recorded: Map<string, RunStepRow>,
    private readonly stop?: AbortSignal,
  ) {
    // A loop can record more rows than a spread may pass as arguments, so no Math.max(...rows).
    let seq = 0;
    for (const row of recorded.values()) seq = Math.max(seq, row.seq);
    this.seq = seq + 1;
    const runTimeoutMs = definition.settings?.runTimeoutMs;
    this.deadline = runTimeoutMs === undefined ? run.deadline_at : run.created_at + runTimeoutMs;
    for (const row of recorded.values()) this.countParked(row);
  }

  private countParked(row: RunStepRow): void {
    if ((row.status === 'succeeded' || row.status === 'failed') && findCoreStep(row.use)?.parksRun && row.started_at !== null && row.finished_at !== null) {
      this.parkedMs += row.finished_at - row.started_at;
    }
  }

  async walk(): Promise<Flow> {
    const scope: Scope = { trigger: fromJson(this.run.trigger_event), steps: {} };
    return this.walkList(this.definition.steps, '', scope, true);
  }

  /** Rows for steps that will not run because the run stopped or failed before them. */
  get skippedRows(): RunStepRow[] {
    return this.skipped;
  }

  private async walkList(steps: StepDefinitionJson[], prefix: string, scope: Scope, topLevel = false): Promise<Flow> {
    for (const [index, step] of steps.entries()) {
      const flow = await this.walkStep(step, prefix, scope);
      if (topLevel && flow.kind === 'next') this.lastOutput = scope.steps[step.id]?.output ?? null;
      if (flow.kind === 'next') continue;
      if (flow.kind !== 'park') this.skip(steps.slice(index + 1), prefix);
      return flow;
    }
    return next;
  }

  private async walkStep(step: StepDefinitionJson, prefix: string, scope: Scope): Promise<Flow> {
    const path = prefix + step.id;
    if (this.cancelled) return stop;
    const recorded = this.recorded.get(path);
    // A parked step keeps its own deadline; every other step must start within the run's.
    const parked = recorded?.status === 'sleeping' || recorded?.status === 'waiting';
    if (!parked && this.deadline !== null && this.deps.now() > this.deadline + this.parkedMs) {
      return { kind: 'fail', error: { code: 'RUN_TIMEOUT', message: 'the run passed its time limit', step: path } };
    }
    if (step.use === 'core/loop') return this.walkLoop(step, path, scope);
    if (step.use === 'core/paths') return this.walkPaths(step, path, scope);
    if (recorded) {
      const flow = await this.resume(step, path, recorded, scope);
      if (flow) return flow;
    }
    return this.attempt(step, path, scope, (recorded?.attempts ?? 0) + 1);
  }

  /** Decides what a recorded step means now; undefined means "execute it (again)". */
  private async resume(step: StepDefinitionJson, path: string, row: RunStepRow, scope: Scope): Promise<Flow | undefined> {
    const now = this.deps.now();
    switch (row.status) {
      case 'succeeded':
        return this.succeeded(step, fromJson(row.output), scope);
      case 'failed':
        return this.failed(step, path, scope, fromJson<Failure>(row.error)!);
      case 'sleeping': {
        if (row.next_attempt_at !== null && row.next_attempt_at > now) return this.parkUntil(row.next_attempt_at);
        const woken: RunStepRow = { ...row, status: 'succeeded', finished_at: now, next_attempt_at: null };
        await this.save(woken);
        this.countParked(woken);
        return this.succeeded(step, fromJson(row.output), scope);
      }
      case 'waiting':
        return this.awaitDecision(step, path, row, scope);
      case 'retrying':
        if (row.next_attempt_at !== null && row.next_attempt_at > now) return this.parkUntil(row.next_attempt_at, true);
        return undefined;
      default:
        return undefined;
    }
  }

  private async attempt(step: StepDefinitionJson, path: string, scope: Scope, attempt: number): Promise<Flow> {
    const found = await findStep(step.use, this.deps);
    const base = this.row(step, path, attempt);
    if (!found.ok) return this.fail(step, path, base, scope, { code: 'UNKNOWN_STEP', message: found.message, retryable: false });
    const definition = found.definition;
    base.side_effect = definition.sideEffect ? 1 : 0;
    const ctx = {
      runId: this.run.id,
      recipeId: this.run.recipe_id,
      stepPath: path,
      idempotencyKey: base.idempotency_key,
      attempt,
      connectionId: step.connection,
      connectionFields: (packId: string) => stepConnectionFields(this.deps, step.connection, packId),
      now: this.deps.now,
      egress: this.deps.egress,
      kv: recipeKvStore(this.deps, this.run.recipe_id),
      progress: stepProgress(this.deps, this.run.id, path),
      approvalLinks: (expiresAt: number) => this.approvalLinks(path, expiresAt),
      emit: hookEmitter(this.deps, { recipeId: this.run.recipe_id, runId: this.run.id, eventKey: base.idempotency_key }),
    };
    const startedAt = this.deps.now();
    const result = await executeStep(definition, step, scope, ctx, step.timeoutMs ?? this.deps.stepTimeoutMs, this.stop);
    const now = this.deps.now();
    this.deps.onStepFinished(step.use, !result.ok ? 'failed' : result.outcome.kind === 'done' ? 'succeeded' : 'parked', now - startedAt);
    const row: RunStepRow = { ...base, input: toJson(result.input), finished_at: now };
    if (!result.ok) {
      // A call held back by its connection's throttle never reached the vendor: it uses up no attempt
      // (the run's deadline still bounds the waiting), so a burst of runs is spread instead of failed.
      const used = result.failure.code === 'THROTTLED' ? attempt - 1 : attempt;
      const delay = nextRetryDelay(used, result.failure, step.retry);
      if (delay === null) {
        // No later attempt will read what the step got done (a replay is a new run): its progress goes.
        await ctx.progress.clear();
        return this.fail(step, path, row, scope, result.failure);
      }
      const until = now + delay;
      await this.save({ ...row, attempts: used, status: 'retrying', error: toJson(result.failure), next_attempt_at: until }, (trx) =>
        this.parkJob(trx, until, true),
      );
      return park;
    }
    const outcome = result.outcome;
    switch (outcome.kind) {
      case 'done':
        await this.save({ ...row, status: 'succeeded', output: toJson(outcome.output) });
        return this.succeeded(step, outcome.output, scope);
      case 'sleep':
        await this.save({ ...row, status: 'sleeping', output: toJson(outcome.output), next_attempt_at: outcome.until }, (trx) =>
          this.parkJob(trx, outcome.until),
        );
        return park;
      case 'wait': {
        // Committed before anything can use the links, so a decision always finds the step waiting.
        const waiting: RunStepRow = { ...row, status: 'waiting', output: toJson(outcome.output), next_attempt_at: outcome.deadline };
        await this.save(waiting);
        return this.awaitDecision(step, path, waiting, scope);
      }
      case 'call': {
        const started = await this.deps.database.write(async (trx) => {
          const child = await startChildRun(trx, { parent: this.run, parentStepPath: path, recipeId: outcome.recipeId, input: outcome.input, now, runTimeoutMs: this.deps.runTimeoutMs });
          if (!child.ok) return child;
          await this.persist(trx, { ...row, status: 'waiting', output: toJson({ runId: child.runId }), next_attempt_at: outcome.deadline });
          await this.parkJob(trx, outcome.deadline);
          return child;
        });
        if (!started.ok) return this.fail(step, path, row, scope, { code: 'SUB_RECIPE_NOT_LIVE', message: started.message, retryable: false });
        return park;
      }
    }
  }

  /**
   * A step waiting for someone else: an approval's decision or a called recipe's end. An approval's own
   * child steps run first (they are where its links get sent); then the run parks until the step's
   * deadline, unless the decision came meanwhile. At the deadline the step fails, unless a decision
   * wins the race to settle it. Both checks happen inside the write, so no decision is ever lost.
   */
  private async awaitDecision(step: StepDefinitionJson, path: string, row: RunStepRow, scope: Scope): Promise<Flow> {
    scope.steps[step.id] = { output: fromJson(row.output) };
    if (step.steps && step.steps.length > 0) {
      const flow = await this.walkList(step.steps, prefixOf(path, step), scope);
      if (flow.kind !== 'next') return flow;
    }
    const now = this.deps.now();
    const deadline = row.next_attempt_at ?? Number.MAX_SAFE_INTEGER;
    const settled = await this.deps.database.write(async (trx) => {
      if (deadline <= now) {
        const failure: Failure = {
          code: step.use === 'core/approval' ? 'APPROVAL_EXPIRED' : 'WAIT_EXPIRED',
          message: step.use === 'core/approval' ? 'nobody decided before the deadline' : 'the called recipe did not finish before the deadline',
          retryable: false,
        };
        const expired: RunStepRow = { ...row, status: 'failed', error: toJson(failure), finished_at: now, next_attempt_at: null };
        if (await runRepo.settleWaitingStep(trx, expired)) return expired;
      }
      const current = await runRepo.step(trx, this.run.id, path);
      if (!current || current.status === 'waiting') {
        await this.parkJob(trx, deadline);
        return null;
      }
      return current;
    });
    if (!settled) return park;
    this.recorded.set(path, settled);
    this.countParked(settled);
    return settled.status === 'succeeded'
      ? this.succeeded(step, fromJson(settled.output), scope)
      : this.failed(step, path, scope, fromJson<Failure>(settled.error)!);
  }

  private succeeded(step: StepDefinitionJson, output: unknown, scope: Scope): Flow {
    scope.steps[step.id] = { output };
    const halted =
      (step.use === 'core/filter' && (output as { passed?: boolean } | null)?.passed === false) ||
      (step.use === 'core/approval' && (output as { decision?: string } | null)?.decision === 'reject');
    return halted ? stop : next;
  }

  private async fail(step: StepDefinitionJson, path: string, row: RunStepRow, scope: Scope, failure: Failure): Promise<Flow> {
    await this.save({ ...row, status: 'failed', error: toJson(failure), finished_at: this.deps.now(), next_attempt_at: null });
    return this.failed(step, path, scope, failure);
  }

  /** Applies the step's onError once its failure is recorded. */
  private async failed(step: StepDefinitionJson, path: string, scope: Scope, failure: Failure): Promise<Flow> {
    const error = { code: failure.code, message: failure.message };
    scope.steps[step.id] = { output: null, error };
    const onError = step.onError ?? 'stop';
    if (onError === 'continue') return next;
    if (onError === 'stop') return { kind: 'fail', error: { ...error, step: path } };
    const handled = await this.walkList(onError.steps, prefixOf(path, step), scope);
    return handled.kind === 'next' ? stop : handled;
  }

  private async walkLoop(step: StepDefinitionJson, path: string, scope: Scope): Promise<Flow> {
    let row = this.recorded.get(path);
    if (row?.status === 'succeeded') return this.succeeded(step, fromJson(row.output), scope);
    if (row?.status === 'failed') return this.failed(step, path, scope, fromJson<Failure>(row.error)!);
    let items: unknown[];
    if (row) {
      items = (fromJson<{ items: unknown[] }>(row.output)?.items) ?? [];
    } else {
      const base = this.row(step, path, 1);
      let rendered: unknown;
      try {
        rendered = renderTemplate(step.input?.items ?? [], scope);
      } catch (error) {
        return this.fail(step, path, base, scope, { code: 'TEMPLATE_ERROR', message: (error as Error).message, retryable: false });
      }
      if (!Array.isArray(rendered)) {
        return this.fail(step, path, base, scope, { code: 'LOOP_ITEMS_NOT_A_LIST', message: 'input.items must resolve to a list', retryable: false });
      }
      if (rendered.length > maxLoopItems) {
        return this.fail(step, path, base, scope, { code: 'LOOP_TOO_LONG', message: `a loop runs at most ${maxLoopItems} items, got ${rendered.length}`, retryable: false });
      }
      items = rendered;
      row = { ...base, status: 'running', input: toJson({ items }), output: toJson({ items, count: items.length }) };
      await this.save(row);
    }
    for (const [index, item] of items.entries()) {
      const iteration: Scope = { ...scope, steps: { ...scope.steps }, loop: { item, index } };
      const flow = await this.walkList(step.steps ?? [], `${path}[${index}].`, iteration);
      if (flow.kind === 'park' || this.cancelled) return flow;
      if (flow.kind === 'fail') return this.fail(step, path, row, scope, { ...flow.error, retryable: false });
    }
    const output = { count: items.length, items };
    await this.save({ ...row, status: 'succeeded', finished_at: this.deps.now() });
    return this.succeeded(step, output, scope);
  }

  private async walkPaths(step: StepDefinitionJson, path: string, scope: Scope): Promise<Flow> {
    let row = this.recorded.get(path);
    if (row?.status === 'succeeded') {
      this.succeeded(step, fromJson(row.output), scope);
      return next;
    }
    if (row?.status === 'failed') return this.failed(step, path, scope, fromJson<Failure>(row.error)!);
    let matched: string[];
    if (row) {
      matched = fromJson<{ matched: string[] }>(row.output)?.matched ?? [];
    } else {
      const base = this.row(step, path, 1);
      try {
        matched = this.choosePaths(step, scope);
      } catch (error) {
        return this.fail(step, path, base, scope, { code: 'PATH_CONDITION_INVALID', message: (error as Error).message, retryable: false });
      }
      row = { ...base, status: 'running', output: toJson({ matched }) };
      await this.save(row);
    }
    for (const branch of step.paths ?? []) {
      if (!matched.includes(branch.name)) continue;
      const flow = await this.walkList(branch.steps, prefixOf(path, step), scope);
      if (flow.kind === 'park' || this.cancelled) return flow;
      if (flow.kind === 'fail') return this.fail(step, path, row, scope, { ...flow.error, retryable: false });
    }
    await this.save({ ...row, status: 'succeeded', finished_at: this.deps.now() });
    scope.steps[step.id] = { output: { matched } };
    return next;
  }

  private choosePaths(step: StepDefinitionJson, scope: Scope): string[] {
    const matched: string[] = [];
    for (const branch of step.paths ?? []) {
      const when = branch.when === undefined ? true : evaluateCondition(conditionSchema.parse(renderTemplate(branch.when, scope)));
      if (!when) continue;
      matched.push(branch.name);
      if ((step.mode ?? 'first') === 'first') break;
    }
    return matched;
  }

  private row(step: StepDefinitionJson, path: string, attempt: number): RunStepRow {
    const existing = this.recorded.get(path);
    return {
      run_id: this.run.id,
      path,
      seq: existing?.seq ?? this.seq++,
      step_id: step.id,
      use: step.use,
      status: 'running',
      input: existing?.input ?? null,
      output: null,
      error: null,
      attempts: attempt,
      idempotency_key: idempotencyKey(this.run.id, path),
      side_effect: existing?.side_effect ?? (findCoreStep(step.use)?.sideEffect ? 1 : 0),
      started_at: existing?.started_at ?? this.deps.now(),
      finished_at: null,
      next_attempt_at: null,
    };
  }

  private skip(steps: StepDefinitionJson[], prefix: string): void {
    for (const step of steps) {
      const path = prefix + step.id;
      if (this.recorded.has(path)) continue;
      this.skipped.push({ ...this.row(step, path, 0), status: 'skipped', started_at: null });
    }
  }

  private parkUntil(runAt: number, capAtDeadline = false): Promise<Flow> {
    return this.deps.database.write((trx) => this.parkJob(trx, runAt, capAtDeadline)).then(() => park);
  }

  /** Retries wake at the run's deadline at the latest (and fail there); parked steps keep their own deadline. */
  private async parkJob(trx: Trx, runAt: number, capAtDeadline = false): Promise<void> {
    const deadline = capAtDeadline && this.deadline !== null ? this.deadline + this.parkedMs + 1 : Number.MAX_SAFE_INTEGER;
    await jobRepo.reschedule(trx, this.job.id, Math.min(runAt, deadline));
    await runRepo.setStatus(trx, this.run.id, { status: 'waiting', startedAt: this.deps.now() });
  }

  /** Commits a step row (and whatever `also` adds) before the walk goes on. */
  private save(row: RunStepRow, also?: (trx: Trx) => Promise<void>): Promise<void> {
    return this.deps.database.write(async (trx) => {
      await this.persist(trx, row);
      if (also) await also(trx);
    });
  }

  private async persist(trx: Trx, row: RunStepRow): Promise<void> {
    await runRepo.saveStep(trx, row);
    this.recorded.set(row.path, row);
    // One statement both marks the run running and tells us whether a cancel committed between our commits;
    // if so, the step that was in flight stays on record and nothing after it runs.
    if (!(await runRepo.setStatus(trx, this.run.id, { status: 'running', startedAt: this.deps.now() }))) this.cancelled = true;
    this.run.status = 'running';
  }

  private approvalLinks(path: string, expiresAt: number) {
    const link = (decision: 'approve' | 'reject') =>
      `${this.deps.publicUrl}/approvals/${signApproval({ runId: this.run.id, path, decision, expiresAt }, this.deps.approvalKey)}`;
    return { approveUrl: link('approve'), rejectUrl: link('reject') };
  }
}

/** The path prefix a step's siblings share (ids are unique in a recipe, so only loops add to it). */
function prefixOf(path: string, step: StepDefinitionJson): string {
  return path.slice(0, path.length - step.id.length);
}
