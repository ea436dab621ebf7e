import type { RunDetail, RunStatus, RunStep, RunStepStatus, RunSummary } from '../contracts/run.js';
import { fromJson } from '../storage/json-column.js';
import type { RunRow, RunStepRow } from '../storage/tables.js';

export function runSummaryView(row: RunRow): RunSummary {
  return {
    id: row.id,
    recipeId: row.recipe_id,
    versionId: row.version_id,
    status: row.status as RunStatus,
    triggerKind: row.trigger_kind,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: fromJson(row.error),
    replayOf: row.replay_of,
    parentRunId: row.parent_run_id,
  };
}

export function runStepView(row: RunStepRow): RunStep {
  return {
    path: row.path,
    stepId: row.step_id,
    use: row.use,
    status: row.status as RunStepStatus,
    input: fromJson(row.input),
    output: fromJson(row.output),
    error: fromJson(row.error),
    attempts: row.attempts,
    idempotencyKey: row.idempotency_key,
    sideEffect: row.side_effect === 1,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    nextAttemptAt: row.next_attempt_at,
  };
}

export function runDetailView(row: RunRow, steps: RunStepRow[]): RunDetail {
  return { ...runSummaryView(row), trigger: fromJson(row.trigger_event), output: fromJson(row.output), steps: steps.map(runStepView) };
}
