/**
 * The few Airtable formulas the pack writes, read the way Airtable reads them (quoted strings with backslash
 * escapes, `{Field name}` references): `{F} = 'v'`, `IS_AFTER({F}, 't')` and `NOT(IS_BEFORE(CREATED_TIME(), 't'))`.
 * Anything else is refused as Airtable refuses a formula it cannot parse.
 */
export type RecordView = { createdTime: string; fields: Record<string, unknown> };

function readString(text: string, at: number): { value: string; end: number } {
  const quote = text[at];
  if (quote !== "'" && quote !== '"') throw new Error(`expected a string at ${at}`);
  let value = '';
  let index = at + 1;
  while (index < text.length && text[index] !== quote) {
    if (text[index] === '\\') {
      const next = text[index + 1];
      value += next === 'n' ? '\n' : next;
      index += 2;
    } else {
      value += text[index++];
    }
  }
  if (text[index] !== quote) throw new Error('unterminated string');
  return { value, end: index + 1 };
}

function readField(text: string, at: number): { name: string; end: number } {
  if (text[at] !== '{') throw new Error(`expected {Field} at ${at}`);
  const close = text.indexOf('}', at);
  if (close === -1) throw new Error('unterminated field reference');
  return { name: text.slice(at + 1, close), end: close + 1 };
}

export function formulaFilter(formula: string): (record: RecordView) => boolean {
  const text = formula.trim();
  const created = /^NOT\(IS_BEFORE\(CREATED_TIME\(\), /.exec(text);
  if (created) {
    const { value, end } = readString(text, created[0].length);
    if (text.slice(end) !== '))') throw new Error('bad NOT(IS_BEFORE(…))');
    return (record) => !(Date.parse(record.createdTime) < Date.parse(value));
  }
  if (text.startsWith('IS_AFTER(')) {
    const field = readField(text, 'IS_AFTER('.length);
    if (text.slice(field.end, field.end + 2) !== ', ') throw new Error('bad IS_AFTER');
    const { value, end } = readString(text, field.end + 2);
    if (text.slice(end) !== ')') throw new Error('bad IS_AFTER');
    return (record) => typeof record.fields[field.name] === 'string' && Date.parse(record.fields[field.name] as string) > Date.parse(value);
  }
  const field = readField(text, 0);
  if (text.slice(field.end, field.end + 3) !== ' = ') throw new Error('expected =');
  const { value, end } = readString(text, field.end + 3);
  if (end !== text.length) throw new Error('unexpected text after the value');
  return (record) => String(record.fields[field.name] ?? '') === value;
}
