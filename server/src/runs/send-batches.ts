import type { Action } from '@switchyard/connectors';
import { readBodyPath } from '../connections/read-body-path.js';
import type { VendorCall, VendorClient } from '../connections/vendor-client.js';
import { VendorError } from '../connections/vendor-error.js';
import type { StepProgress } from '../steps/define-step.js';
import { StepError } from '../steps/step-error.js';

type Batch = NonNullable<Action['batch']>;

/** What a retry needs: the outputs of the chunks already sent, for a list of `total` items cut by `size`. */
interface BatchProgress {
  size: number;
  total: number;
  outputs: unknown[][];
}

function readProgress(stored: unknown, size: number, total: number): unknown[][] {
  const progress = stored as Partial<BatchProgress> | undefined;
  // Another list (a changed recipe replayed) starts over: its chunks are not the ones sent.
  if (progress?.size !== size || progress.total !== total || !Array.isArray(progress.outputs)) return [];
  return progress.outputs.filter(Array.isArray);
}

const itemRange = (chunk: number, size: number, total: number) => `items ${chunk * size + 1}–${Math.min((chunk + 1) * size, total)}`;

/**
 * Sends the list input `batch.input` `batch.size` items at a time, one request per chunk, in order, and joins
 * the lists found at `batch.output` in the answers. Each chunk's output is saved before the next is sent, so a
 * retried step starts at the first chunk that did not succeed; a chunk's idempotency key is the step's plus
 * its number. A failure names the chunk and its items.
 */
export async function sendBatches(vendor: VendorClient, call: VendorCall, batch: Batch, input: Record<string, unknown>, progress: StepProgress | undefined): Promise<{ items: unknown[] }> {
  const list = input[batch.input] ?? [];
  if (!Array.isArray(list)) throw new StepError('INPUT_INVALID', `input.${batch.input} must be a list to be sent in batches of ${batch.size}`);
  const chunks = Math.ceil(list.length / batch.size);
  const outputs = readProgress(await progress?.load(), batch.size, list.length).slice(0, chunks);
  for (let chunk = outputs.length; chunk < chunks; chunk += 1) {
    const items = list.slice(chunk * batch.size, (chunk + 1) * batch.size);
    const chunkCall: VendorCall = {
      ...call,
      scope: { ...call.scope, input: { ...input, [batch.input]: items } },
      idempotency: call.idempotency && { ...call.idempotency, key: `${call.idempotency.key}-${chunk + 1}` },
    };
    let answer: unknown;
    try {
      answer = readBodyPath((await vendor.send(chunkCall)).body, batch.output);
    } catch (error) {
      throw chunkFailure(error, chunk, chunks, batch.size, list.length);
    }
    outputs.push(Array.isArray(answer) ? answer : [answer]);
    await progress?.save({ size: batch.size, total: list.length, outputs } satisfies BatchProgress);
  }
  await progress?.clear();
  return { items: outputs.flat() };
}

/** The vendor's failure, said with the chunk it hit and what was sent before it (kept, not resent on retry). */
function chunkFailure(error: unknown, chunk: number, chunks: number, size: number, total: number): unknown {
  const before = chunk === 0 ? 'nothing was sent before it' : `items 1–${chunk * size} went through and are not sent again on retry`;
  const where = `chunk ${chunk + 1} of ${chunks} (${itemRange(chunk, size, total)}) failed; ${before}`;
  if (error instanceof VendorError) return new VendorError(error.code, `${where}: ${error.message}`, error.options);
  if (error instanceof StepError) return new StepError(error.code, `${where}: ${error.message}`, error.options);
  return error;
}
