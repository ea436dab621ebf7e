/** The part of a SOQL SELECT the fake answers: `SELECT … FROM obj [WHERE f op literal] [ORDER BY …] [LIMIT n]`. */
export interface SoqlQuery {
  fields: string[] | 'ALL';
  object: string;
  where?: { field: string; op: '=' | '>=' | '>'; value: string | number | boolean | Date };
  orderBy: { field: string; descending: boolean }[];
  limit?: number;
}

export class SoqlError extends Error {}

/**
 * Reads a query the way Salesforce documents it (SOQL and SOSL reference): string literals in single quotes
 * with the escape sequences \n \r \t \b \f \" \' \\ and no other backslash ("If you use a backslash
 * character in any other context, an error occurs"), dateTime literals such as 2026-06-01T12:00:00Z
 * unquoted, FIELDS(ALL) only with a LIMIT of at most 200.
 */
export function parseSoql(text: string): SoqlQuery {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new SoqlError('unexpected end of query');
    return token;
  };
  const keyword = (word: string) => {
    const token = next();
    if (token.kind !== 'word' || token.text.toUpperCase() !== word) throw new SoqlError(`expected ${word}, found ${token.text}`);
  };
  const isKeyword = (word: string) => peek()?.kind === 'word' && peek()!.text.toUpperCase() === word;

  keyword('SELECT');
  let fields: string[] | 'ALL' = [];
  if (isKeyword('FIELDS')) {
    next();
    if (next().text !== '(' || next().text.toUpperCase() !== 'ALL' || next().text !== ')') throw new SoqlError('only FIELDS(ALL) is supported');
    fields = 'ALL';
  } else {
    do fields.push(next().text);
    while (peek()?.text === ',' && next());
  }
  keyword('FROM');
  const object = next().text;
  const query: SoqlQuery = { fields, object, orderBy: [] };
  if (isKeyword('WHERE')) {
    next();
    const field = next().text;
    const op = next().text;
    if (op !== '=' && op !== '>=' && op !== '>') throw new SoqlError(`unsupported operator ${op}`);
    const literal = next();
    query.where = { field, op, value: literalValue(literal) };
  }
  if (isKeyword('ORDER')) {
    next();
    keyword('BY');
    do {
      const field = next().text;
      let descending = false;
      if (isKeyword('ASC') || isKeyword('DESC')) descending = next().text.toUpperCase() === 'DESC';
      query.orderBy.push({ field, descending });
    } while (peek()?.text === ',' && next());
  }
  if (isKeyword('LIMIT')) {
    next();
    query.limit = Number(next().text);
  }
  if (peek() !== undefined) throw new SoqlError(`unexpected ${peek()!.text}`);
  if (fields === 'ALL' && (query.limit === undefined || query.limit > 200)) throw new SoqlError('The SOQL FIELDS function must have a LIMIT of at most 200');
  return query;
}

type Token = { kind: 'word' | 'string' | 'symbol'; text: string };

const escapes: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) i++;
    else if (char === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new SoqlError('unterminated string literal');
        const c = text[i]!;
        if (c === "'") break;
        if (c === '\\') {
          const escaped = escapes[text[i + 1] ?? ''];
          if (escaped === undefined) throw new SoqlError(`invalid escape sequence \\${text[i + 1] ?? ''}`);
          value += escaped;
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if (/[A-Za-z0-9_.:+-]/.test(char)) {
      const word = /^[A-Za-z0-9_.:+-]+/.exec(text.slice(i))![0];
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else if (text.startsWith('>=', i)) {
      tokens.push({ kind: 'symbol', text: '>=' });
      i += 2;
    } else if ('=(),>'.includes(char)) {
      tokens.push({ kind: 'symbol', text: char });
      i++;
    } else throw new SoqlError(`unexpected character ${char}`);
  }
  return tokens;
}

function literalValue(token: Token): string | number | boolean | Date {
  if (token.kind === 'string') return token.text;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(token.text)) return new Date(token.text);
  if (/^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
  throw new SoqlError(`unexpected literal ${token.text}`);
}
