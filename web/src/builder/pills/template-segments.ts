/** A piece of a template string: literal text, or one `{{ … }}` expression shown as a chip. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'pill'; raw: string; path: string; pipes: string };

/** Index of the `}}` closing the expression that starts at `from`, skipping quoted pipe arguments; -1 if none. */
function closingBraces(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (quote !== null) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/**
 * Splits a template into text and expressions, the way the server reads it: `\{{` is a literal `{{`,
 * and an unclosed `{{` stays text. A pill's `path` is the part before the first pipe
 * (`steps.find.output.id`), `pipes` the rest (`upper | default: "n/a"`).
 */
export function templateSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let buffer = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      buffer += '\\{{';
      i += 3;
      continue;
    }
    if (text.startsWith('{{', i)) {
      const end = closingBraces(text, i + 2);
      if (end !== -1) {
        if (buffer) segments.push({ kind: 'text', text: buffer });
        buffer = '';
        const inner = text.slice(i + 2, end);
        const bar = pipeStart(inner);
        segments.push({
          kind: 'pill',
          raw: text.slice(i, end + 2),
          path: (bar === -1 ? inner : inner.slice(0, bar)).trim(),
          pipes: bar === -1 ? '' : inner.slice(bar + 1).trim(),
        });
        i = end + 2;
        continue;
      }
    }
    buffer += text[i];
    i++;
  }
  if (buffer) segments.push({ kind: 'text', text: buffer });
  return segments;
}

/** Where the pipes begin: the first `|` outside quotes and brackets (`["a|b"]` is part of the path). */
function pipeStart(inner: string): number {
  let quote: string | null = null;
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!;
    if (quote !== null) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '|') return i;
  }
  return -1;
}

/** True when the string holds at least one expression (and so is filled in when the step runs). */
export function hasPill(text: string): boolean {
  return templateSegments(text).some((segment) => segment.kind === 'pill');
}
