import { z } from 'zod';
import { emitNameSchema } from '../contracts/outgoing-hook.js';
import { defineStep } from './define-step.js';
import { StepError } from './step-error.js';

/** Larger events are refused: subscribers (Zapier, Make, n8n) cap what they accept, and every retry resends it. */
export const maxEmitPayloadBytes = 256 * 1024;

export const emitStep = defineStep({
  key: 'core/emit',
  title: 'Emit an event',
  description: 'Send a named event with a JSON payload to the tools subscribed to this recipe’s events (Zapier, Make, n8n REST hooks).',
  sideEffect: true,
  input: z.strictObject({
    name: emitNameSchema,
    payload: z.unknown().default({}),
  }),
  async run(input, ctx) {
    if (!ctx.emit) throw new StepError('EMIT_UNAVAILABLE', 'events can only be emitted by a recipe run');
    const payload = input.payload ?? null;
    const size = Buffer.byteLength(JSON.stringify(payload));
    if (size > maxEmitPayloadBytes) {
      throw new StepError('EMIT_TOO_LARGE', `the payload is ${size} bytes as JSON; at most ${maxEmitPayloadBytes} can be emitted`);
    }
    const queued = await ctx.emit(input.name, payload);
    return { kind: 'done', output: { name: input.name, queued } };
  },
});
