import { parseDocument } from 'yaml';
import type { PackProblem } from './pack-problem.js';
import { validatePack, type PackValidation } from './validate-pack.js';

/** Larger than any honest manifest; keeps a hostile upload from costing memory and time. */
export const PACK_TEXT_LIMIT_BYTES = 5 * 1024 * 1024;
const MAX_ALIASES = 100;

/**
 * Reads a pack file's text (JSON or YAML: by extension, else by its first character) and validates it.
 * Parse errors come back as problems with line and column. YAML is read safely: no custom tags (an unknown
 * tag is a problem, not an object), duplicate keys refused, aliases limited so a "billion laughs" cannot
 * expand.
 */
export function parsePackText(text: string, fileName?: string): PackValidation {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > PACK_TEXT_LIMIT_BYTES) {
    const size = (bytes / 1024 / 1024).toFixed(1);
    return failed({ path: '', message: `the pack file is ${size} MB; a pack may be at most ${PACK_TEXT_LIMIT_BYTES / 1024 / 1024} MB` });
  }
  const source = text.replace(/^\uFEFF/, '');
  const parsed = formatOf(source, fileName) === 'json' ? parseJson(source) : parseYaml(source);
  return 'problems' in parsed ? failed(...parsed.problems) : validatePack(parsed.value);
}

type Parsed = { value: unknown } | { problems: PackProblem[] };

function formatOf(text: string, fileName: string | undefined): 'json' | 'yaml' {
  const extension = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function parseJson(text: string): Parsed {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const where = describePosition(text, jsonErrorPosition(text, message));
    const reason = message.replace(/^Unexpected token '(.+?)', .* is not valid JSON$/s, 'unexpected "$1"').replace(/ in JSON at position \d+.*$/s, '');
    return { problems: [{ path: '', message: `${where}the file is not valid JSON: ${reason}` }] };
  }
}

/**
 * V8 names the position in most messages. For an unexpected token it quotes the text instead: from the start
 * when the token is among the first characters, else from 10 characters before it (after "...").
 */
function jsonErrorPosition(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position !== null) return Number(position[1]);
  if (message.startsWith('Unexpected end of JSON input')) return text.length;
  const quoted = /^Unexpected token '(.+?)', (\.\.\.)?"(.*?)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  if (quoted === null) return undefined;
  const [, token = '', cut, snippet = ''] = quoted;
  const at = cut === undefined ? text.indexOf(token) : text.indexOf(snippet);
  if (at === -1) return undefined;
  return cut === undefined ? at : at + 10;
}

function describePosition(text: string, position: number | undefined): string {
  if (position === undefined) return '';
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1) as string).length + 1}: `;
}

function parseYaml(text: string): Parsed {
  const document = parseDocument(text, { uniqueKeys: true, customTags: [], merge: false, prettyErrors: true, version: '1.2' });
  // Unresolved tags are only warnings to the library; here they are refused rather than read as text.
  const errors = [...document.errors, ...document.warnings];
  if (errors.length > 0) {
    return {
      problems: errors.map((error) => {
        const at = error.linePos?.[0];
        const first = (error.message.split('\n')[0] as string).replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: `${at === undefined ? '' : `line ${at.line}, column ${at.col}: `}the file is not valid YAML: ${first}` };
      }),
    };
  }
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIASES }) as unknown };
  } catch {
    return { problems: [{ path: '', message: `the YAML expands too many aliases (*name); at most ${MAX_ALIASES} are allowed` }] };
  }
}

const failed = (...problems: PackProblem[]): PackValidation => ({ ok: false, problems });
