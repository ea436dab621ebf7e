import { Script, createContext } from 'node:vm';
import { z } from 'zod';
import { asText } from './filter-coercion.js';
import { formatterOperation, invalidInput, noOptions, type FormatterOperation } from './formatter-operation.js';

export const MAX_PATTERN_INPUT = 100_000;
export const MAX_PATTERN_LENGTH = 1_000;
const PATTERN_TIMEOUT_MS = 250;

/*
 * The built-in extractors split text into tokens and test each with an anchored expression: unanchored
 * searches for emails rescan long runs of letters from every position, which is quadratic on big inputs.
 */
const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
const EMAIL_DELIMITERS = /[\s<>()[\]{},;:"'`]+/;
const URL_START = /https?:\/\//i;
const NUMBER = /(?:(?<![\p{L}\p{N}])[-+])?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![\p{L}\p{N}])[-+]?\.\d+/u;

/** Strips trailing punctuation with a loop: `/[.,]+$/` rescans long runs of dots from every position. */
function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

function extractEmail(text: string): string | null {
  for (const token of text.split(EMAIL_DELIMITERS)) {
    const candidate = trimEnd(token, '.');
    if (EMAIL.test(candidate)) return candidate;
  }
  return null;
}

function extractUrl(text: string): string | null {
  for (const token of text.split(/[\s<>"'`]+/)) {
    const start = token.search(URL_START);
    if (start === -1) continue;
    let candidate = trimEnd(token.slice(start), '.,;:!?');
    // A closing bracket belongs to the sentence unless the URL opened one, as Wikipedia links do.
    if (/[)\]]$/.test(candidate) && !/[([]/.test(candidate)) candidate = candidate.slice(0, -1);
    if (URL.canParse(candidate)) return candidate;
  }
  return null;
}

function extractNumber(text: string): number | null {
  const match = NUMBER.exec(text);
  return match === null ? null : Number(match[0].replaceAll(',', ''));
}

interface PatternMatch {
  match: string;
  groups: (string | null)[];
  named: Record<string, string | null>;
  index: number;
}

// Runs inside a vm context so a catastrophically backtracking pattern is cut off by the timeout
// instead of freezing the worker; pattern and text are data in the context, never code.
const matchScript = new Script(`(() => {
  const shape = (m) => ({
    match: m[0],
    groups: m.slice(1).map((g) => g ?? null),
    named: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v ?? null])),
    index: m.index,
  });
  if (all) return JSON.stringify(Array.from(text.matchAll(new RegExp(pattern, flags + 'g')), shape));
  const m = new RegExp(pattern, flags).exec(text);
  return JSON.stringify(m === null ? null : shape(m));
})()`);

type PatternResult = PatternMatch[] | PatternMatch | null;

function matchPattern(text: string, pattern: string, flags: string, all: boolean): PatternResult {
  if (text.length > MAX_PATTERN_INPUT) {
    throw invalidInput(`value is longer than ${MAX_PATTERN_INPUT} characters, too long to search with a pattern`);
  }
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidInput(`options.pattern is not a valid regular expression: ${reason}`);
  }
  let json: unknown;
  try {
    json = matchScript.runInContext(createContext({ text, pattern, flags, all }), { timeout: PATTERN_TIMEOUT_MS });
  } catch (error) {
    // Checked by shape: the timeout error may come from another realm than this module's Error.
    const timedOut =
      typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
    if (!timedOut) throw error;
    throw invalidInput(`options.pattern took longer than ${PATTERN_TIMEOUT_MS} ms; simplify nested repetition`);
  }
  return JSON.parse(String(json)) as PatternResult;
}

/** Text operations that pull one thing out of free text; each yields null when nothing is found. */
export const extractOperations: FormatterOperation[] = [
  formatterOperation('text.extract_email', 'Finds the first email address.', noOptions, (value) =>
    extractEmail(asText(value)),
  ),
  formatterOperation('text.extract_url', 'Finds the first http(s) URL.', noOptions, (value) =>
    extractUrl(asText(value)),
  ),
  formatterOperation(
    'text.extract_number',
    'Finds the first number ("1,234.5" reads as 1234.5).',
    noOptions,
    (value) => extractNumber(asText(value)),
  ),
  formatterOperation(
    'text.extract_pattern',
    'Finds a regular expression: { match, groups, named, index }, or every match when all is true.',
    z.object({
      pattern: z.string().min(1).max(MAX_PATTERN_LENGTH),
      flags: z
        .string()
        .regex(/^[imsu]*$/, 'flags may only use i, m, s and u')
        .default(''),
      all: z.boolean().default(false),
    }),
    (value, { pattern, flags, all }) => matchPattern(asText(value), pattern, flags, all),
  ),
];
