import { describe, expect, it } from 'vitest';
import type { StepContext } from './define-step.js';
import { emitStep, maxEmitPayloadBytes } from './emit-step.js';

const context = (emit?: StepContext['emit']) => ({ emit }) as StepContext;

describe('core/emit', () => {
  it('hands the name and payload to the engine and answers how many subscriptions it was queued for', async () => {
    const emitted: unknown[] = [];
    const ctx = context(async (name, payload) => {
      emitted.push({ name, payload });
      return 3;
    });
    const outcome = await emitStep.run(emitStep.input.parse({ name: 'order.created', payload: { id: 7 } }), ctx);
    expect(outcome).toEqual({ kind: 'done', output: { name: 'order.created', queued: 3 } });
    expect(emitted).toEqual([{ name: 'order.created', payload: { id: 7 } }]);
  });

  it('refuses a bad name by its path, an oversized payload, and running outside a run', async () => {
    const parsed = emitStep.input.safeParse({ name: 'has space' });
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path)).toEqual([['name']]);
    const big = { text: 'x'.repeat(maxEmitPayloadBytes) };
    await expect(emitStep.run({ name: 'big', payload: big }, context(async () => 1))).rejects.toMatchObject({ code: 'EMIT_TOO_LARGE' });
    await expect(emitStep.run({ name: 'x', payload: {} }, context())).rejects.toMatchObject({ code: 'EMIT_UNAVAILABLE' });
  });
});
