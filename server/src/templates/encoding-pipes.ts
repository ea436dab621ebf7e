import type { PipeDefinition } from './pipe-definition.js';
import { toText } from './to-text.js';

// Standard and URL-safe alphabets, padding optional; whitespace is stripped first (MIME line breaks).
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const encodingPipes: Record<string, PipeDefinition> = {
  json: {
    args: ['integer'],
    required: 0,
    acceptsMissing: true,
    apply: (value, [indent]) => JSON.stringify(value ?? null, null, (indent as number | undefined) ?? 0),
  },
  base64: {
    args: [],
    required: 0,
    apply: (value) => Buffer.from(toText(value), 'utf8').toString('base64'),
  },
  base64decode: {
    args: [],
    required: 0,
    apply: (value) => {
      const compact = toText(value).replace(/\s+/g, '');
      if (!BASE64.test(compact) || compact.length % 4 === 1) throw new Error('value is not valid base64');
      try {
        return strictUtf8.decode(Buffer.from(compact, 'base64'));
      } catch {
        throw new Error('decoded bytes are not UTF-8 text');
      }
    },
  },
};
