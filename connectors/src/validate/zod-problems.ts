import type { z } from 'zod';
import { looseObject } from './loose.js';
import { pointer, type PackProblem } from './pack-problem.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

// What a discriminator is called, by the property holding the union.
const unionNames: Readonly<Record<string, string>> = {
  auth: 'auth kind',
  triggers: 'trigger kind',
  verification: 'verification scheme',
  pagination: 'pagination type',
  handshake: 'handshake type',
};

/** zod's issues as sentences a pack author understands, one problem per unknown property. */
export function zodProblems(issues: readonly Issue[]): PackProblem[] {
  return issues.flatMap((issue): PackProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pointer([...issue.path, key]), message: unknownKeyMessage(issue.path, key) }));
    }
    if (issue.code === 'invalid_key') {
      const inner = issue.issues.map(sentence).join('; ');
      return [{ path: pointer(issue.path), message: `the key "${String(issue.path.at(-1))}" ${inner}` }];
    }
    const text = sentence(issue);
    // Messages written in the schema are already sentences unless they start with "must …".
    const own = issue.code === 'custom' || (issue.code === 'invalid_format' && issue.format === 'regex');
    return [{ path: pointer(issue.path), message: own && !text.startsWith('must') ? text : `${subject(issue.path)} ${text}` }];
  });
}

function sentence(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
        return unionSentence(issue.discriminator, issue.options, issue.input);
      }
      return 'does not match any of the allowed shapes';
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected === 'array' ? 'list' : issue.expected)}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of: ${issue.values.join(', ')}`;
    case 'too_small':
      return `must ${bound('at least', issue.origin, issue.minimum)}`;
    case 'too_big':
      return `must ${bound('at most', issue.origin, issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' || issue.format === 'starts_with' ? issue.message : `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function unionSentence(discriminator: string, options: readonly unknown[], input: unknown): string {
  const allowed = options.map(String).join(', ');
  const value = looseObject(input)?.[discriminator];
  const found = value === undefined ? 'is missing' : `${JSON.stringify(value)} is not known`;
  return `${found}; use one of: ${allowed}`;
}

function unknownKeyMessage(path: Path, key: string): string {
  if (key === 'capture' && path.length === 1 && path[0] === 'auth') {
    return 'captured values (capture.fromToken, capture.fromCallback) are only for oauth2 auth';
  }
  return `"${key}" is not a known property here; check its spelling against the pack format`;
}

/** The thing a sentence is about: `"version"`, `auth kind`, `item 2 of "actions"`, `the manifest`. */
function subject(path: Path): string {
  const last = path.at(-1);
  if (last === undefined) return 'the manifest';
  if (typeof last === 'number') return `item ${last} of "${String(path.at(-2))}"`;
  const owner = path.slice(0, -1).findLast((part) => typeof part === 'string');
  const union = typeof owner === 'string' && ['kind', 'scheme', 'type'].includes(String(last)) ? unionNames[owner] : undefined;
  if (union !== undefined) return union;
  return `"${String(last)}"`;
}

function bound(word: string, origin: string, limit: number | bigint): string {
  if (origin === 'string') return `be ${word} ${limit} characters long`;
  if (origin === 'array' || origin === 'set') return `have ${word} ${limit} items`;
  return `be ${word} ${limit}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return article(typeof value === 'object' ? 'object' : typeof value);
}
