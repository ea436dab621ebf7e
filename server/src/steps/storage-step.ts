import { z } from 'zod';
import { defineStep } from './define-step.js';

const scope = z.enum(['recipe', 'global']).default('recipe');
const key = z.string().min(1).max(200);

export const storageStep = defineStep({
  key: 'core/storage',
  title: 'Storage',
  description: 'Keep small values between runs: per recipe or shared by all recipes.',
  sideEffect: true,
  input: z.discriminatedUnion('operation', [
    z.strictObject({ operation: z.literal('get'), scope, key, default: z.unknown().optional() }),
    z.strictObject({ operation: z.literal('set'), scope, key, value: z.unknown() }),
    z.strictObject({ operation: z.literal('delete'), scope, key }),
    z.strictObject({ operation: z.literal('increment'), scope, key, by: z.number().default(1) }),
  ]),
  async run(input, ctx) {
    switch (input.operation) {
      case 'get': {
        const value = await ctx.kv.get(input.scope, input.key);
        return { kind: 'done', output: { key: input.key, value: value === undefined ? (input.default ?? null) : value, found: value !== undefined } };
      }
      case 'set':
        await ctx.kv.set(input.scope, input.key, input.value ?? null);
        return { kind: 'done', output: { key: input.key, value: input.value ?? null } };
      case 'delete':
        return { kind: 'done', output: { key: input.key, deleted: await ctx.kv.delete(input.scope, input.key) } };
      case 'increment':
        return { kind: 'done', output: { key: input.key, value: await ctx.kv.increment(input.scope, input.key, input.by) } };
    }
  },
});
