import { z } from 'zod';
import { asText, isBlank } from './filter-coercion.js';
import { formatterOperation, invalidInput, noOptions, type FormatterOperation } from './formatter-operation.js';

// Minor words stay lower case inside a title, as in AP/Chicago style.
const MINOR_WORDS = new Set(
  'a an and as at but by for in nor of on or so the to vs via yet'.split(' '),
);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

const upperFirst = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function titleCase(text: string): string {
  const parts = text.toLowerCase().split(/(\s+)/);
  const wordIndexes = parts.flatMap((part, index) => (part.trim() === '' ? [] : [index]));
  const first = wordIndexes[0];
  const last = wordIndexes[wordIndexes.length - 1];
  return parts
    .map((part, index) => {
      const minor = MINOR_WORDS.has(part) && index !== first && index !== last;
      return part.trim() === '' || minor ? part : upperFirst(part);
    })
    .join('');
}

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return ENTITIES[name.toLowerCase()] ?? entity;
}

/**
 * Drops every block from an opening match to its closing text in one left-to-right pass (an unclosed
 * block runs to the end, as in browsers). A lazy `<!--[\s\S]*?-->` would rescan to the end from every
 * unclosed opening, which is quadratic on hostile input.
 */
function removeBlocks(text: string, opening: RegExp, closing: (open: RegExpExecArray) => RegExp): string {
  let kept = '';
  let position = 0;
  for (;;) {
    opening.lastIndex = position;
    const open = opening.exec(text);
    if (open === null) return kept + text.slice(position);
    kept += text.slice(position, open.index);
    const close = closing(open);
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(text);
    if (end === null) return kept;
    position = end.index + end[0].length;
  }
}

function removeHtml(html: string): string {
  const withoutComments = removeBlocks(html, /<!--/g, () => /-->/g);
  const withoutCode = removeBlocks(
    withoutComments,
    /<(script|style)\b[^<>]*>/gi,
    ([, tag]) => new RegExp(`</${tag}\\s*>`, 'gi'),
  );
  return withoutCode
    .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeBase64(text: string): string {
  const compact = text.replace(/\s+/g, '');
  // Buffer.from skips invalid characters silently; reject them so corrupt data is not half-decoded.
  if (!/^(?:[A-Za-z0-9+/]*|[A-Za-z0-9_-]*)={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw invalidInput('value is not valid base64');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw invalidInput('value is base64 but does not decode to UTF-8 text');
  }
}

function decodeUrl(text: string): string {
  try {
    // Form encoding writes spaces as "+"; a literal plus arrives as %2B.
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw invalidInput('value is not valid URL-encoded text');
  }
}

/** Splits text into trimmed (or not) items; empty text is an empty list, not `[""]`. */
export function splitText(text: string, separator: string, trim: boolean): string[] {
  if (text === '') return [];
  const items = text.split(separator);
  return trim ? items.map((item) => item.trim()) : items;
}

export const splitOptions = z
  .object({ separator: z.string().min(1).default(','), trim: z.boolean().default(true) })
  .prefault({});

/** Text operations; lengths count characters as people see them (code points, not UTF-16 units). */
export const textOperations: FormatterOperation[] = [
  formatterOperation('text.upper', 'Converts text to UPPER CASE.', noOptions, (value) => asText(value).toUpperCase()),
  formatterOperation('text.lower', 'Converts text to lower case.', noOptions, (value) => asText(value).toLowerCase()),
  formatterOperation(
    'text.capitalize',
    'Capitalizes the first letter of every word, leaving the rest as it is.',
    noOptions,
    (value) => asText(value).replace(/(?<=^|\s)\p{Ll}/gu, upperFirst),
  ),
  formatterOperation(
    'text.title',
    'Title Case: lower-cases, then capitalizes every word except minor ones like "of" and "the".',
    noOptions,
    (value) => titleCase(asText(value)),
  ),
  formatterOperation('text.trim', 'Removes whitespace from both ends.', noOptions, (value) => asText(value).trim()),
  formatterOperation(
    'text.replace',
    'Replaces literal text (not a pattern); every occurrence unless all is false.',
    z.object({ find: z.string().min(1), replace: z.string().default(''), all: z.boolean().default(true) }),
    (value, { find, replace, all }) => {
      // A function replacement keeps "$&" and "$1" in the user's text literal.
      const text = asText(value);
      return all ? text.replaceAll(find, () => replace) : text.replace(find, () => replace);
    },
  ),
  formatterOperation(
    'text.split',
    'Splits text into a list on a separator.',
    splitOptions,
    (value, { separator, trim }) => splitText(asText(value), separator, trim),
  ),
  formatterOperation(
    'text.truncate',
    'Shortens text to at most length characters, the suffix (e.g. "…") included.',
    z.object({ length: z.number().int().min(0), suffix: z.string().default('') }),
    (value, { length, suffix }) => {
      const characters = Array.from(asText(value));
      if (characters.length <= length) return characters.join('');
      const kept = characters.slice(0, Math.max(0, length - Array.from(suffix).length)).join('');
      return Array.from(kept + suffix).slice(0, length).join('');
    },
  ),
  formatterOperation('text.length', 'Counts the characters.', noOptions, (value) => Array.from(asText(value)).length),
  formatterOperation(
    'text.slugify',
    'Makes a URL slug: lower case, accents removed, words joined by "-".',
    noOptions,
    (value) =>
      asText(value)
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, ''),
  ),
  formatterOperation(
    'text.default',
    'Uses a fallback when the value is empty (missing, null or "").',
    z.object({ value: z.unknown() }),
    (value, options) => (isBlank(value) ? options.value : value),
  ),
  formatterOperation(
    'text.remove_html',
    'Strips HTML tags, scripts and comments, keeps line breaks and decodes entities.',
    noOptions,
    (value) => removeHtml(asText(value)),
  ),
  formatterOperation('text.url_encode', 'Percent-encodes text for use in a URL.', noOptions, (value) =>
    encodeURIComponent(asText(value)),
  ),
  formatterOperation('text.url_decode', 'Decodes percent-encoded text ("+" becomes a space).', noOptions, (value) =>
    decodeUrl(asText(value)),
  ),
  formatterOperation('text.base64_encode', 'Encodes text (UTF-8) as base64.', noOptions, (value) =>
    Buffer.from(asText(value), 'utf8').toString('base64'),
  ),
  formatterOperation('text.base64_decode', 'Decodes base64 (standard or URL-safe) into text.', noOptions, (value) =>
    decodeBase64(asText(value)),
  ),
  formatterOperation(
    'text.word_count',
    'Counts the words (runs of non-space characters).',
    noOptions,
    (value) => asText(value).match(/\S+/g)?.length ?? 0,
  ),
];
