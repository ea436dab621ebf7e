import type { z } from 'zod';
import type { EgressClient } from '../egress/egress-client.js';

/** Key-value storage scoped by the engine; `core/storage` reads and writes through it. */
export interface KeyValueStore {
  get(scope: string, key: string): Promise<unknown>;
  set(scope: string, key: string, value: unknown): Promise<void>;
  delete(scope: string, key: string): Promise<boolean>;
  /** Atomically adds `by` to a numeric value (missing counts as 0) and returns the new value. */
  increment(scope: string, key: string, by: number): Promise<number>;
}

/**
 * What a step finished of its work before an attempt failed (a pack action's batches already sent), kept for
 * one run and step path so a retry resumes instead of repeating it.
 */
export interface StepProgress {
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
  clear(): Promise<void>;
}

export interface StepContext {
  runId: string;
  recipeId: string;
  /** Position of the step in the recipe tree, e.g. `post` or `each[3].notify`; stable across retries. */
  stepPath: string;
  /** Derived from (run, step path): identical on every attempt of this step, sent to APIs that dedupe. */
  idempotencyKey: string;
  attempt: number;
  /** The step's `connection` (a pack step that needs auth calls the vendor as this connection). */
  connectionId?: string | undefined;
  /**
   * The step's connection as `{{connection.*}}` sees it (secrets opened), for core steps that talk to
   * something other than HTTP (core/email reads its SMTP account). Refuses a connection of another pack.
   */
  connectionFields?(packId: string): Promise<Record<string, unknown>>;
  signal: AbortSignal;
  now(): number;
  egress: EgressClient;
  kv: KeyValueStore;
  /** Absent where nothing is retried (a step tested in the builder). */
  progress?: StepProgress;
  /** Signed, single-use links that decide a waiting `core/approval` step. */
  approvalLinks(expiresAt: number): { approveUrl: string; rejectUrl: string };
  /**
   * Queues a named event for outgoing REST hook subscribers (`core/emit`), keyed by this step's idempotency
   * key so a retried step queues nothing twice; resolves with how many subscriptions it is queued for.
   */
  emit?(name: string, payload: unknown): Promise<number>;
}

/**
 * What a step asks of the engine. `done` records the output; `sleep` parks the run until a time and
 * then records `output`; `wait` parks it until someone decides (approval) or the deadline passes;
 * `call` starts a run of another published recipe and parks until it finishes.
 */
export type StepOutcome =
  | { kind: 'done'; output: unknown }
  | { kind: 'sleep'; until: number; output: unknown }
  | { kind: 'wait'; deadline: number; output: unknown }
  | { kind: 'call'; recipeId: string; input: unknown; deadline: number };

export interface StepDefinition<Schema extends z.ZodType = z.ZodType> {
  /** `core/<key>` for built-in steps, `<pack>/<key>@<major>` for pack actions. */
  key: `${string}/${string}`;
  title: string;
  description: string;
  /** True when running the step again changes something outside Switchyard (replay previews list these). */
  sideEffect: boolean;
  /**
   * The step parks the run on purpose (delay, approval, sub-recipe). Time parked there does not count
   * towards the run's time limit: the step has a deadline of its own.
   */
  parksRun?: boolean;
  /** The pack whose connection the step needs as its `connection` (core/email: `smtp`); checked on save. */
  connectionPack?: { id: string; name: string };
  input: Schema;
  run(input: z.output<Schema>, ctx: StepContext): Promise<StepOutcome>;
}

/** Keeps the input schema's type flowing into `run` without casts. */
export function defineStep<Schema extends z.ZodType>(definition: StepDefinition<Schema>): StepDefinition<Schema> {
  return definition;
}
