import type { PipeArgKind } from './pipe-definition.js';
import { pipes } from './pipes.js';
import { TemplateError } from './template-error.js';
import type { PipeArg, TemplateExpression, TemplatePipe } from './template-part.js';

// Path segments allow '-' and leading digits so `headers.content-type` and `items.0` just work.
const SEGMENT = /[A-Za-z0-9_$-]+/y;
const PIPE_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const INDEX = /\d+/y;
const WHITESPACE = /\s*/y;
const KEYWORDS: Record<string, PipeArg> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
const KIND_LABELS: Record<PipeArgKind, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  any: 'a value',
};

/** Parses one `{{ … }}` expression starting at the `{{` found at `open`. */
export class ExpressionParser {
  private position: number;

  constructor(
    private readonly text: string,
    private readonly open: number,
  ) {
    this.position = open + 2;
  }

  parse(): TemplateExpression {
    if (!this.text.includes('}}', this.position)) this.fail(`unclosed {{ at position ${this.open}`, this.open);
    this.skipWhitespace();
    if (this.text.startsWith('}}', this.position)) this.fail(`empty expression at position ${this.open}`, this.open);
    const path = this.parsePath();
    const pipeList: TemplatePipe[] = [];
    this.skipWhitespace();
    while (this.text[this.position] === '|') {
      this.position += 1;
      this.skipWhitespace();
      pipeList.push(this.parsePipe());
      this.skipWhitespace();
    }
    this.expect('}}', "'|' or '}}'");
    const source = this.text.slice(this.open, this.position);
    return { kind: 'expression', path, pipes: pipeList, source, position: this.open };
  }

  private parsePath(): string[] {
    const path = [this.read(SEGMENT, 'a name')];
    for (;;) {
      const char = this.text[this.position];
      if (char === '.') {
        this.position += 1;
        path.push(this.read(SEGMENT, 'a name'));
      } else if (char === '[') {
        this.position += 1;
        this.skipWhitespace();
        const quote = this.text[this.position];
        path.push(quote === '"' || quote === "'" ? this.parseString() : this.read(INDEX, 'an index or a quoted key'));
        this.skipWhitespace();
        this.expect(']', "']'");
      } else {
        return path;
      }
    }
  }

  private parsePipe(): TemplatePipe {
    const position = this.position;
    const name = this.read(PIPE_NAME, 'a pipe name');
    const definition = pipes.get(name);
    if (definition === undefined) this.fail(`unknown pipe '${name}' at position ${position}`, position);
    const args: PipeArg[] = [];
    this.skipWhitespace();
    if (this.text[this.position] === ':') {
      this.position += 1;
      do {
        this.skipWhitespace();
        args.push(this.parseArgument(name, definition.args, args.length));
        this.skipWhitespace();
      } while (this.consume(','));
    }
    if (args.length < definition.required) {
      this.fail(`pipe '${name}' needs ${countArguments(definition.required)} at position ${position}`, position);
    }
    return { name, args, position };
  }

  /** Arguments are literals, so their count and kinds are checked here rather than on every run. */
  private parseArgument(pipe: string, kinds: readonly PipeArgKind[], index: number): PipeArg {
    const position = this.position;
    const arg = this.parseLiteral();
    const kind = kinds[index];
    if (kind === undefined) {
      const limit = kinds.length === 0 ? 'no arguments' : `at most ${countArguments(kinds.length)}`;
      this.fail(`pipe '${pipe}' takes ${limit} at position ${position}`, position);
    }
    if (!matchesKind(arg, kind)) {
      this.fail(`pipe '${pipe}' argument ${index + 1} must be ${KIND_LABELS[kind]} at position ${position}`, position);
    }
    return arg;
  }

  private parseLiteral(): PipeArg {
    const char = this.text[this.position];
    if (char === '"' || char === "'") return this.parseString();
    NUMBER.lastIndex = this.position;
    const number = NUMBER.exec(this.text);
    if (number !== null) {
      this.position += number[0].length;
      return Number(number[0]);
    }
    PIPE_NAME.lastIndex = this.position;
    const word = PIPE_NAME.exec(this.text)?.[0];
    if (word !== undefined && Object.hasOwn(KEYWORDS, word)) {
      this.position += word.length;
      return KEYWORDS[word] as PipeArg;
    }
    return this.fail(`expected a string, number, true, false or null at position ${this.position}`);
  }

  private parseString(): string {
    const start = this.position;
    const quote = this.text[start];
    let value = '';
    let index = start + 1;
    while (index < this.text.length) {
      const char = this.text[index] as string;
      if (char === quote) {
        this.position = index + 1;
        return value;
      }
      if (char === '\\' && index + 1 < this.text.length) {
        const escaped = this.text[index + 1] as string;
        value += ESCAPES[escaped] ?? escaped;
        index += 2;
      } else {
        value += char;
        index += 1;
      }
    }
    return this.fail(`unterminated string at position ${start}`, start);
  }

  private read(pattern: RegExp, expected: string): string {
    pattern.lastIndex = this.position;
    const match = pattern.exec(this.text);
    if (match === null) return this.unexpected(expected);
    this.position += match[0].length;
    return match[0];
  }

  private expect(token: string, expected: string): void {
    if (!this.consume(token)) this.unexpected(expected);
  }

  private consume(token: string): boolean {
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    this.position += (WHITESPACE.exec(this.text) as RegExpExecArray)[0].length;
  }

  private unexpected(expected: string): never {
    if (this.position >= this.text.length) this.fail(`unclosed {{ at position ${this.open}`, this.open);
    const found = JSON.stringify(this.text[this.position]);
    return this.fail(`unexpected ${found} at position ${this.position}, expected ${expected}`);
  }

  private fail(message: string, position = this.position): never {
    throw new TemplateError('TEMPLATE_SYNTAX', message, this.text, position);
  }
}

function matchesKind(arg: PipeArg, kind: PipeArgKind): boolean {
  if (kind === 'any') return true;
  if (kind === 'string') return typeof arg === 'string';
  return typeof arg === 'number' && (kind === 'number' || Number.isInteger(arg));
}

const countArguments = (count: number): string => `${count} argument${count === 1 ? '' : 's'}`;
