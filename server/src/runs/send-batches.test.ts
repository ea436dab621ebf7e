import { normalizePack, packManifestSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import type { VendorCall, VendorClient } from '../connections/vendor-client.js';
import { VendorError } from '../connections/vendor-error.js';
import type { StepProgress } from '../steps/define-step.js';
import { sendBatches } from './send-batches.js';
import { toFailure } from './to-step-error.js';

const pack = normalizePack(packManifestSchema.parse({ id: 'acme', name: 'Acme', version: '1.0.0', engine: '^1.0.0', baseUrl: 'https://api.acme.test', auth: { kind: 'none' } }));
const batch = { input: 'records', size: 10, output: 'records' };
const records = Array.from({ length: 25 }, (_, index) => ({ fields: { n: index + 1 } }));
const baseCall: VendorCall = { pack, request: { method: 'POST', path: '/records' }, scope: { input: {} }, idempotency: { header: 'Idempotency-Key', key: 'run_1-create' } };

/** A vendor that echoes each chunk back as created records, failing the calls whose numbers are listed (1-based). */
function vendor(failOn: number[] = []) {
  const sent: VendorCall[] = [];
  const client: VendorClient = {
    send: async (call) => {
      sent.push(call);
      if (failOn.includes(sent.length)) throw new VendorError('VENDOR_UNAVAILABLE', 'Acme answered HTTP 503', { status: 503, retryable: true });
      const chunk = (call.scope['input'] as { records: { fields: { n: number } }[] }).records;
      return { status: 200, headers: {}, body: { records: chunk.map((record) => ({ id: `rec${record.fields.n}`, ...record })) } };
    },
    sendPaginated: async () => ({ items: [], pages: 0 }),
  };
  return { client, sent };
}

/** Progress kept in memory, as the engine keeps it in `kv` between attempts. */
function memoryProgress(): StepProgress & { value: unknown } {
  const progress = {
    value: undefined as unknown,
    load: async () => progress.value,
    save: async (value: unknown) => void (progress.value = structuredClone(value)),
    clear: async () => void (progress.value = undefined),
  };
  return progress;
}

const chunkSizes = (sent: VendorCall[]) => sent.map((call) => (call.scope['input'] as { records: unknown[] }).records.length);

describe('sendBatches', () => {
  it('sends a list in chunks of the batch size, in order, and joins the outputs', async () => {
    const { client, sent } = vendor();
    const progress = memoryProgress();
    const output = await sendBatches(client, baseCall, batch, { records, typecast: true }, progress);
    expect(chunkSizes(sent)).toEqual([10, 10, 5]);
    expect(output.items.map((item) => (item as { id: string }).id)).toEqual(records.map((record) => `rec${record.fields.n}`));
    // Other inputs stay as they are; each chunk has an idempotency key of its own.
    expect(sent.map((call) => (call.scope['input'] as { typecast: boolean }).typecast)).toEqual([true, true, true]);
    expect(sent.map((call) => call.idempotency?.key)).toEqual(['run_1-create-1', 'run_1-create-2', 'run_1-create-3']);
    expect(progress.value).toBeUndefined();
  });

  it('sends nothing for an empty list and refuses a value that is not a list', async () => {
    const { client, sent } = vendor();
    expect(await sendBatches(client, baseCall, batch, { records: [] }, undefined)).toEqual({ items: [] });
    expect(sent).toEqual([]);
    await expect(sendBatches(client, baseCall, batch, { records: { fields: {} } }, undefined)).rejects.toThrow('input.records must be a list to be sent in batches of 10');
  });

  it('names the failed chunk and, on retry, resends only the chunks that did not succeed', async () => {
    const { client, sent } = vendor([2]);
    const progress = memoryProgress();
    const failure = await sendBatches(client, baseCall, batch, { records }, progress).catch((error: unknown) => toFailure(error));
    expect(failure).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      retryable: true,
      message: 'chunk 2 of 3 (items 11–20) failed; items 1–10 went through and are not sent again on retry: Acme answered HTTP 503',
      details: { status: 503 },
    });
    expect(chunkSizes(sent)).toEqual([10, 10]);

    const retried = await sendBatches(client, baseCall, batch, { records }, progress);
    const resent = sent.slice(2).map((call) => (call.scope['input'] as { records: { fields: { n: number } }[] }).records.map((record) => record.fields.n));
    expect(resent).toEqual([[11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [21, 22, 23, 24, 25]]);
    expect(retried.items).toHaveLength(25);
    expect(progress.value).toBeUndefined();
  });

  it('starts over when the list differs from the one the progress was kept for', async () => {
    const progress = memoryProgress();
    progress.value = { size: 10, total: 12, outputs: [[{ id: 'old' }]] };
    const { client, sent } = vendor();
    const output = await sendBatches(client, baseCall, batch, { records }, progress);
    expect(chunkSizes(sent)).toEqual([10, 10, 5]);
    expect(output.items).not.toContainEqual({ id: 'old' });
  });

  it('says so when the first chunk fails', async () => {
    const { client } = vendor([1]);
    await expect(sendBatches(client, baseCall, batch, { records }, undefined)).rejects.toThrow('chunk 1 of 3 (items 1–10) failed; nothing was sent before it: Acme answered HTTP 503');
  });
});
