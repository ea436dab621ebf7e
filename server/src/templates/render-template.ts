import { compileTemplate } from './compile-template.js';
import { evaluateExpression } from './evaluate-expression.js';
import type { TemplateScope } from './template-scope.js';
import { toText } from './to-text.js';

/**
 * Renders a JSON value: every string is a template, object keys are not. A string that is exactly one
 * `{{ … }}` keeps the value's type (missing becomes `null`); anything else becomes a string. Resolved
 * values are inserted as data and never parsed again. Throws `TemplateError`.
 */
export function renderTemplate(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') return renderString(value, scope);
  if (Array.isArray(value)) return value.map((item) => renderTemplate(item, scope));
  if (isPlainObject(value)) return renderObject(value, scope);
  return value;
}

function renderString(text: string, scope: TemplateScope): unknown {
  if (!text.includes('{{')) return text;
  const { parts, whole } = compileTemplate(text);
  if (whole !== null) return evaluateExpression(whole, scope, text) ?? null;
  let result = '';
  for (const part of parts) {
    result += part.kind === 'text' ? part.text : toText(evaluateExpression(part, scope, text));
  }
  return result;
}

function renderObject(input: object, scope: TemplateScope): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(input)) {
    const rendered = renderTemplate(item, scope);
    // Assigning `__proto__` would swap the output's prototype; define it as plain data instead.
    if (key === '__proto__') {
      Object.defineProperty(output, key, { value: rendered, enumerable: true, writable: true, configurable: true });
    } else {
      output[key] = rendered;
    }
  }
  return output;
}

function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
