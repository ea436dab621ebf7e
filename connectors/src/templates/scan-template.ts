/**
 * A reference scanner for the `{{ path | pipe: args }}` language of the server's templates (connectors cannot
 * import the server). It reads only what the pack validator needs: the root and first segment of each path,
 * and the two syntax slips a pack author is likely to make (an unclosed `{{`, an expression without a path).
 * Pipes are checked when the server compiles the template.
 */
export interface TemplateReference {
  root: string;
  /** The segment after the root (`email` in `input.email`, `first name` in `input["first name"]`). */
  first?: string;
}

export interface TemplateScan {
  references: TemplateReference[];
  errors: string[];
}

// The server's path segment: letters, digits, `_`, `$`, `-`.
const SEGMENT = /[A-Za-z0-9_$-]+/y;

export function scanTemplate(text: string): TemplateScan {
  const scan: TemplateScan = { references: [], errors: [] };
  let index = 0;
  while (index < text.length) {
    let open = text.indexOf('{{', index);
    if (open === -1) break;
    if (open > 0 && text[open - 1] === '\\') {
      index = open + 2;
      continue;
    }
    // As the server reads it: braces before `{{` are text (`{{{input.field}}}` is `{` + the field + `}`).
    while (text[open + 2] === '{') open += 1;
    const close = findClose(text, open + 2);
    if (close === -1) {
      scan.errors.push(`has an unclosed "{{" at position ${open}`);
      break;
    }
    const reference = readReference(text.slice(open + 2, close));
    if (reference === undefined) scan.errors.push(`has an expression without a path at position ${open}`);
    else scan.references.push(reference);
    index = close + 2;
  }
  return scan;
}

/** The `}}` that ends the expression, skipping quoted pipe arguments and keys (which may contain `}}`). */
function findClose(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (char === '"' || char === "'") {
      index = skipQuoted(text, index);
    } else if (text.startsWith('}}', index)) {
      return index;
    } else {
      index += 1;
    }
  }
  return -1;
}

function skipQuoted(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== text[start]) index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}

function readReference(expression: string): TemplateReference | undefined {
  const start = expression.length - expression.trimStart().length;
  const root = match(SEGMENT, expression, start);
  if (root === undefined) return undefined;
  const after = start + root.length;
  if (expression[after] === '.') {
    const first = match(SEGMENT, expression, after + 1);
    return first === undefined ? { root } : { root, first };
  }
  if (expression[after] === '[') {
    const bracket = /\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\d+))\s*\]/y;
    bracket.lastIndex = after;
    const found = bracket.exec(expression);
    const first = found?.[1] ?? found?.[2] ?? found?.[3];
    return first === undefined ? { root } : { root, first };
  }
  return { root };
}

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}
