import { ExpressionParser } from './expression-parser.js';
import type { TemplatePart } from './template-part.js';

/**
 * Splits a template into literal text and `{{ path | pipe: args }}` expressions. `\{{` yields a literal
 * `{{`; braces before `{{` are text, so `{{{x}}}` is `{`, x, `}`. Throws `TemplateError` (`TEMPLATE_SYNTAX`) with the offending position.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    let open = text.indexOf('{{', index);
    if (open === -1) break;
    if (open > 0 && text[open - 1] === '\\') {
      literal += `${text.slice(index, open - 1)}{{`;
      index = open + 2;
      continue;
    }
    // No expression starts with `{`: in `{{{x}}}` the first brace is text (Airtable's `{Field name}`).
    while (text[open + 2] === '{') open += 1;
    literal += text.slice(index, open);
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
    const expression = new ExpressionParser(text, open).parse();
    parts.push(expression);
    index = open + expression.source.length;
  }
  literal += text.slice(index);
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return parts;
}

