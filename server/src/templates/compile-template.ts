import { parseTemplate } from './parse-template.js';
import type { TemplateExpression, TemplatePart } from './template-part.js';

export interface CompiledTemplate {
  readonly parts: readonly TemplatePart[];
  /** Set when the string is one expression with only whitespace around it: the result keeps its type. */
  readonly whole: TemplateExpression | null;
}

// Recipes are rendered on every step of every run, so parses are cached. Both bounds keep memory flat:
// entries are dropped oldest-first, and very long strings (rare, cheap to re-parse linearly) are not kept.
const MAX_ENTRIES = 5_000;
const MAX_CACHED_LENGTH = 10_000;
const cache = new Map<string, CompiledTemplate>();

/** Parses (or fetches from the cache) a template string; throws `TemplateError` on bad syntax. */
export function compileTemplate(text: string): CompiledTemplate {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const parts = Object.freeze(parseTemplate(text));
  const compiled: CompiledTemplate = Object.freeze({ parts, whole: wholeExpression(parts) });
  if (text.length <= MAX_CACHED_LENGTH) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(text, compiled);
  }
  return compiled;
}

function wholeExpression(parts: readonly TemplatePart[]): TemplateExpression | null {
  let expression: TemplateExpression | null = null;
  for (const part of parts) {
    if (part.kind === 'text') {
      if (part.text.trim() !== '') return null;
    } else if (expression === null) {
      expression = part;
    } else {
      return null;
    }
  }
  return expression;
}
