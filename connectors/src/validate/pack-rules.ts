import { absoluteUrlRule } from './absolute-url-rule.js';
import { batchRule } from './batch-rule.js';
import { connectionChoicesRule } from './connection-choices-rule.js';
import { dependsOnRule } from './depends-on-rule.js';
import { duplicateKeyRule } from './duplicate-key-rule.js';
import type { LooseObject } from './loose.js';
import type { PackProblem } from './pack-problem.js';
import { paginationKindRule } from './pagination-kind-rule.js';
import { templateReferenceRule } from './template-reference-rule.js';

/** The checks the schema cannot express; each reads the raw manifest so they run even when zod failed. */
export const packRules: readonly ((manifest: LooseObject) => PackProblem[])[] = [
  duplicateKeyRule,
  dependsOnRule,
  connectionChoicesRule,
  templateReferenceRule,
  absoluteUrlRule,
  paginationKindRule,
  batchRule,
];
