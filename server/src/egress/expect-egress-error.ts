import { expect } from 'vitest';
import { EgressError } from './egress-error.js';

/** Test helper: awaits a call that must fail and returns its `EgressError`. */
export async function expectEgressError(promise: Promise<unknown>): Promise<EgressError> {
  const error: unknown = await promise.then(
    () => new Error('expected the request to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EgressError);
  return error as EgressError;
}
