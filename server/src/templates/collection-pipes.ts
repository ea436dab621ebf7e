import type { PipeDefinition } from './pipe-definition.js';
import { previewValue, toText } from './to-text.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Strings are handled per code point so emoji count as one character. */
function sequence(value: unknown, pipe: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  throw new Error(`${pipe} needs a list or text, got ${previewValue(value)}`);
}

function record(value: unknown, pipe: string): Record<string, unknown> {
  if (isRecord(value)) return value;
  throw new Error(`${pipe} needs an object, got ${previewValue(value)}`);
}

export const collectionPipes: Record<string, PipeDefinition> = {
  first: { args: [], required: 0, apply: (value) => sequence(value, 'first')[0] },
  last: { args: [], required: 0, apply: (value) => sequence(value, 'last').at(-1) },
  length: {
    args: [],
    required: 0,
    // Missing counts as empty so `{{ items | length }}` is always a number.
    acceptsMissing: true,
    apply: (value) =>
      value === null || value === undefined
        ? 0
        : isRecord(value)
          ? Object.keys(value).length
          : sequence(value, 'length').length,
  },
  slice: {
    args: ['integer', 'integer'],
    required: 1,
    apply: (value, [start, end]) => {
      const sliced = sequence(value, 'slice').slice(start as number, end as number | undefined);
      return typeof value === 'string' ? sliced.join('') : sliced;
    },
  },
  join: {
    args: ['string'],
    required: 0,
    apply: (value, [separator = ',']) => {
      if (!Array.isArray(value)) throw new Error(`join needs a list, got ${previewValue(value)}`);
      return value.map(toText).join(separator as string);
    },
  },
  // Vendors that take a list of references as objects (Notion: `[{ "name": "a" }]`, `[{ "id": "…" }]`); text is
  // a comma-separated list, so a mapped "a, b" works as well as a list.
  objects: {
    args: ['string'],
    required: 1,
    apply: (value, [key]) => {
      if (key === '') throw new Error('objects needs a key name');
      const list = typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part !== '') : value;
      if (!Array.isArray(list)) throw new Error(`objects needs a list or text, got ${previewValue(value)}`);
      return list.map((item) => ({ [key as string]: item }));
    },
  },
  keys: { args: [], required: 0, apply: (value) => Object.keys(record(value, 'keys')) },
  values: { args: [], required: 0, apply: (value) => Object.values(record(value, 'values')) },
};
