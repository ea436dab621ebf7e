import { compileTemplate } from './compile-template.js';
import { TemplateError } from './template-error.js';
import type { TemplatePart } from './template-part.js';
import { walkTemplateStrings } from './walk-template-strings.js';

export interface TemplateReference {
  path: string[];
  /** JSON pointer of the string holding the expression, e.g. `/json/amount`. */
  pointer: string;
}

export interface TemplateProblem {
  pointer: string;
  message: string;
}

/**
 * Every expression path used in a JSON value, so recipe validation can check that `steps.X` names an
 * earlier step. Strings with syntax errors are skipped; `validateTemplates` reports them.
 */
export function templateReferences(value: unknown): TemplateReference[] {
  const references: TemplateReference[] = [];
  walkTemplateStrings(value, (text, pointer) => {
    let parts: readonly TemplatePart[];
    try {
      parts = compileTemplate(text).parts;
    } catch (error) {
      if (error instanceof TemplateError) return;
      throw error;
    }
    for (const part of parts) {
      // Copied because parsed templates are cached and shared.
      if (part.kind === 'expression') references.push({ path: [...part.path], pointer });
    }
  });
  return references;
}

/** Every template syntax error in a JSON value, with the pointer of its string; never throws for them. */
export function validateTemplates(value: unknown): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  walkTemplateStrings(value, (text, pointer) => {
    try {
      compileTemplate(text);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.push({ pointer, message: error.message });
    }
  });
  return problems;
}
