import type { PipeDefinition } from './pipe-definition.js';
import { toText } from './to-text.js';

const TRUNCATE_SUFFIX = '...';

const textPipe = (transform: (text: string) => string): PipeDefinition => ({
  args: [],
  required: 0,
  apply: (value) => transform(toText(value)),
});

/** Pipes that read their value as text (numbers and booleans are stringified, objects become JSON). */
export const textPipes: Record<string, PipeDefinition> = {
  upper: textPipe((text) => text.toUpperCase()),
  lower: textPipe((text) => text.toLowerCase()),
  trim: textPipe((text) => text.trim()),
  capitalize: textPipe((text) => text.charAt(0).toUpperCase() + text.slice(1)),
  urlencode: textPipe(encodeURIComponent),
  replace: {
    args: ['string', 'string'],
    required: 2,
    apply: (value, [search, replacement]) => toText(value).replaceAll(search as string, replacement as string),
  },
  split: {
    args: ['string'],
    required: 1,
    apply: (value, [separator]) => toText(value).split(separator as string),
  },
  truncate: {
    args: ['integer', 'string'],
    required: 1,
    // Counts code points so emoji are never cut in half; the result including the suffix fits in n.
    apply: (value, [max, suffix = TRUNCATE_SUFFIX]) => {
      const limit = max as number;
      if (limit < 0) throw new Error('length must not be negative');
      const chars = Array.from(toText(value));
      if (chars.length <= limit) return chars.join('');
      const tail = suffix as string;
      const keep = Math.max(0, limit - Array.from(tail).length);
      return keep === 0 ? chars.slice(0, limit).join('') : chars.slice(0, keep).join('') + tail;
    },
  },
};
