import { compileTemplate } from './compile-template.js';
import { evaluateExpression } from './evaluate-expression.js';
import type { TemplateScope } from './template-scope.js';
import { toText } from './to-text.js';

export interface RenderOptions {
  /**
   * Leave out object entries whose whole-`{{x}}` value is missing, instead of sending `null`: a request
   * body must not tell a vendor to clear a field the user simply left empty.
   */
  dropMissing?: boolean;
  /** Applied to each interpolated value inside a longer string (e.g. a URL path segment). */
  encode?: (text: string) => string;
}

const missing = Symbol('missing');

/**
 * Renders a JSON value: every string is a template, object keys are not. A string that is exactly one
 * `{{ … }}` keeps the value's type (missing becomes `null`); anything else becomes a string. Resolved
 * values are inserted as data and never parsed again. Throws `TemplateError`.
 */
export function renderTemplate(value: unknown, scope: TemplateScope, options: RenderOptions = {}): unknown {
  const rendered = render(value, scope, options);
  return rendered === missing ? null : rendered;
}

function render(value: unknown, scope: TemplateScope, options: RenderOptions): unknown {
  if (typeof value === 'string') return renderString(value, scope, options);
  if (Array.isArray(value)) return value.map((item) => renderTemplate(item, scope, options));
  if (isPlainObject(value)) return renderObject(value, scope, options);
  return value;
}

function renderString(text: string, scope: TemplateScope, options: RenderOptions): unknown {
  if (!text.includes('{{')) return text;
  const { parts, whole } = compileTemplate(text);
  if (whole !== null) return evaluateExpression(whole, scope, text) ?? (options.dropMissing ? missing : null);
  let result = '';
  for (const part of parts) {
    if (part.kind === 'text') result += part.text;
    else {
      const piece = toText(evaluateExpression(part, scope, text));
      result += options.encode ? options.encode(piece) : piece;
    }
  }
  return result;
}

function renderObject(input: object, scope: TemplateScope, options: RenderOptions): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(input)) {
    const rendered = render(item, scope, options);
    if (rendered === missing) continue;
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
