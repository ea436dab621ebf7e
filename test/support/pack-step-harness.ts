import { expect } from 'vitest';
import type { SwitchyardProcess } from './switchyard-process.js';

/** What the builder's step test (POST /recipes/:id/steps/:step/test) answers. */
export interface StepTest<O = Record<string, unknown>> {
  ok: boolean;
  output?: O;
  error?: { code: string; message: string; retryable?: boolean };
}

/** A local vendor fake as these tests read it: every request it received, in arrival order. */
export interface RequestLog<R> {
  readonly requests: R[];
}

/** Tells an SDK error that is the fake answering no (part of what is compared) from a failure of the call. */
export type IsRefusal = (error: unknown) => boolean;

/** A refusal as SDKs that throw an Error carrying the HTTP answer in `property` (`status`, `code`, …) report it. */
export const errorWith =
  (property: string): IsRefusal =>
  (error) =>
    error instanceof Error && property in error;

const noRefusal: IsRefusal = () => false;

/** Runs an SDK call against the fake and answers the requests it sent; any error but a refusal fails the test. */
export async function sdkRequests<R>(fake: RequestLog<R>, call: () => PromiseLike<unknown>, isRefusal = noRefusal): Promise<R[]> {
  const before = fake.requests.length;
  // Promise.resolve: some SDKs (jsforce) answer thenables without `catch`.
  await Promise.resolve(call()).catch((error: unknown) => {
    if (!isRefusal(error)) throw error;
  });
  return fake.requests.slice(before);
}

/** Like `sdkRequests` for an operation the SDK sends as one request: there must be exactly one. */
export async function sdkRequest<R>(fake: RequestLog<R>, call: () => PromiseLike<unknown>, isRefusal = noRefusal): Promise<R> {
  const requests = await sdkRequests(fake, call, isRefusal);
  expect(requests).toHaveLength(1);
  return requests[0]!;
}

/** Our requests and the SDK's for the same operation: as many, and each pair alike by the pack's `compare`. */
export function expectSameRequests<R>(ours: R[], theirs: R[], compare: (ours: R, sdk: R) => void): void {
  expect(ours.length).toBe(theirs.length);
  ours.forEach((request, index) => compare(request, theirs[index]!));
}

export interface StepSpec {
  use: string;
  input: Record<string, unknown>;
}

/** Tests one action on its own: a recipe holding just that step, its step test run on an empty sample. */
export async function testOneStep<R, O = Record<string, unknown>>(
  server: SwitchyardProcess,
  fake: RequestLog<R>,
  step: StepSpec & { connection: string },
): Promise<{ result: StepTest<O>; requests: R[] }> {
  const recipe = await server.api<{ id: string }>('POST', '/recipes/import', { name: `try ${step.use}`, trigger: { use: 'core/manual' }, steps: [{ id: 'step', ...step }] });
  expect(recipe.status).toBe(201);
  const before = fake.requests.length;
  const answer = await server.api<StepTest<O>>('POST', `/recipes/${recipe.body.id}/steps/step/test`, { sample: {} });
  expect(answer.status).toBe(200);
  return { result: answer.body, requests: fake.requests.slice(before) };
}

export interface PackStepOptions<R, S extends string> {
  server: SwitchyardProcess;
  fake: RequestLog<R>;
  /** The recipe's name. */
  name: string;
  connection: string;
  steps: Record<S, StepSpec>;
  /** The trigger sample every step test sees (e.g. ids of what the fake was given before the tests). */
  trigger?: Record<string, unknown>;
  /** The pack's own comparison of one of our requests with the SDK's (what its vendor reads differs); `expectLikeSdk` needs it. */
  compare?: (ours: R, sdk: R) => void;
  isRefusal?: IsRefusal;
  /** How many requests each side of `expectLikeSdk` must send, for packs whose every action is that many. */
  requestsEach?: number;
}

/**
 * Every action of a pack tried through the builder's step test, one manual recipe holding them all on one
 * connection: each step runs on the outputs of the steps tested before it, and answers the requests it sent.
 */
export class PackStepHarness<R, O = Record<string, unknown>, S extends string = string> {
  /** Each step's output from its last successful test, the `steps` sample of the steps after it. */
  readonly outputs: Record<string, unknown> = {};

  private constructor(
    readonly recipeId: string,
    private readonly options: PackStepOptions<R, S>,
  ) {}

  /** Imports the recipe with every step (it must be accepted) and answers the harness over it. */
  static async importAllSteps<R, O, S extends string>(options: PackStepOptions<R, S>): Promise<PackStepHarness<R, O, S>> {
    const { server, name, connection, steps } = options;
    const imported = await server.api<{ id: string }>('POST', '/recipes/import', {
      name,
      trigger: { use: 'core/manual' },
      steps: Object.entries<StepSpec>(steps).map(([id, step]) => ({ id, connection, ...step })),
    });
    expect(imported.status).toBe(201);
    return new PackStepHarness<R, O, S>(imported.body.id, options);
  }

  /** Tests one step on the earlier steps' outputs; answers its result and the requests it sent to the fake. */
  async runStep(stepId: S): Promise<{ result: StepTest<O>; requests: R[] }> {
    const { server, fake, trigger } = this.options;
    const before = fake.requests.length;
    const answer = await server.api<StepTest<O>>('POST', `/recipes/${this.recipeId}/steps/${stepId}/test`, {
      sample: { ...(trigger && { trigger }), steps: this.outputs },
    });
    expect(answer.status).toBe(200);
    if (answer.body.ok) this.outputs[stepId] = answer.body.output;
    return { result: answer.body, requests: fake.requests.slice(before) };
  }

  /** `runStep` for a step that sends exactly one request; answers that request. */
  async runOneRequestStep(stepId: S): Promise<{ result: StepTest<O>; request: R }> {
    const { result, requests } = await this.runStep(stepId);
    expect(requests).toHaveLength(1);
    return { result, request: requests[0]! };
  }

  /** Runs our step, then `call` (the SDK's same operation): as many requests, each pair alike. */
  async expectLikeSdk(stepId: S, call: () => Promise<unknown>): Promise<StepTest<O>> {
    const { compare } = this.options;
    if (!compare) throw new Error(`expectLikeSdk('${stepId}') needs the harness's compare option`);
    const { result, requests } = await this.runStep(stepId);
    const theirs = await this.sdkRequests(call);
    if (this.options.requestsEach !== undefined) expect(requests).toHaveLength(this.options.requestsEach);
    expectSameRequests(requests, theirs, compare);
    return result;
  }

  /** `sdkRequests` on this harness's fake, with its pack's refusals. */
  sdkRequests(call: () => Promise<unknown>): Promise<R[]> {
    return sdkRequests(this.options.fake, call, this.options.isRefusal);
  }
}
