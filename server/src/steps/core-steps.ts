import { approvalStep } from './approval-step.js';
import { codeStep } from './code-step.js';
import type { StepDefinition } from './define-step.js';
import { delayStep } from './delay-step.js';
import { emailStep } from './email-step.js';
import { emitStep } from './emit-step.js';
import { filterStep } from './filter-step.js';
import { formatterStep } from './formatter-step.js';
import { httpStep } from './http-step.js';
import { storageStep } from './storage-step.js';
import { subRecipeStep } from './sub-recipe-step.js';

/** Action steps built into Switchyard, by `use` key. */
export const coreSteps: Readonly<Record<string, StepDefinition>> = Object.fromEntries(
  [httpStep, filterStep, formatterStep, delayStep, storageStep, approvalStep, subRecipeStep, codeStep, emailStep, emitStep].map((step) => [step.key, step as StepDefinition]),
);

/** Steps the walker handles itself because they hold child steps. */
export const structuralSteps = ['core/loop', 'core/paths'] as const;

export function findCoreStep(use: string): StepDefinition | undefined {
  return Object.hasOwn(coreSteps, use) ? coreSteps[use] : undefined;
}

export function isCoreStep(use: string): boolean {
  return findCoreStep(use) !== undefined || (structuralSteps as readonly string[]).includes(use);
}
