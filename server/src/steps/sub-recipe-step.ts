import { z } from 'zod';
import { defineStep } from './define-step.js';

export const subRecipeStep = defineStep({
  key: 'core/sub-recipe',
  title: 'Call another recipe',
  description: 'Run another published recipe with this input and use its result ({ runId, status, output }).',
  sideEffect: true,
  parksRun: true,
  input: z.strictObject({
    recipe: z.string().min(1),
    input: z.unknown().default({}),
    timeoutMinutes: z.number().min(1).max(7 * 24 * 60).default(60),
  }),
  async run(input, ctx) {
    return { kind: 'call', recipeId: input.recipe, input: input.input, deadline: ctx.now() + input.timeoutMinutes * 60_000 };
  },
});
