import { problemsFromZod, type Problem } from '../contracts/problem.js';
import type { TriggerDefinitionJson } from '../contracts/recipe-definition.js';
import { validateTemplates } from '../templates/index.js';
import { coreTriggers, isCoreTrigger } from './core-triggers.js';

/** Every problem with a recipe's trigger, by JSON pointer. */
export function validateTrigger(trigger: TriggerDefinitionJson, pointer = '/trigger'): Problem[] {
  // Pack triggers are looked up in the registry on save and publish (pack-trigger-check.ts).
  if (!trigger.use.startsWith('core/')) return [];
  if (!isCoreTrigger(trigger.use)) {
    return [{ path: `${pointer}/use`, message: `unknown trigger "${trigger.use}": there is no such core trigger` }];
  }
  const parsed = coreTriggers[trigger.use].safeParse(trigger.input ?? {});
  const problems = parsed.success ? [] : problemsFromZod(parsed.error, `${pointer}/input`);
  if (trigger.use === 'core/webhook' && typeof trigger.input?.dedupe === 'string') {
    for (const problem of validateTemplates(trigger.input.dedupe)) {
      problems.push({ path: `${pointer}/input/dedupe`, message: problem.message });
    }
  }
  return problems;
}
