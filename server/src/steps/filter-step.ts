import { defineStep } from './define-step.js';
import { conditionGroupSchema, evaluateCondition } from './filter-condition.js';

/** `core/filter`: the engine ends the run as succeeded-filtered when the output's `passed` is false. */
export const filterStep = defineStep({
  key: 'core/filter',
  title: 'Only continue if…',
  description: 'Stops the run, without failing it, unless the conditions hold.',
  sideEffect: false,
  input: conditionGroupSchema,
  async run(input) {
    return { kind: 'done', output: { passed: evaluateCondition(input) } };
  },
});
