import { collectionPipes } from './collection-pipes.js';
import { datePipe } from './date-pipe.js';
import { encodingPipes } from './encoding-pipes.js';
import { numberPipes } from './number-pipes.js';
import type { PipeDefinition } from './pipe-definition.js';
import { textPipes } from './text-pipes.js';

const defaultPipe: PipeDefinition = {
  args: ['any'],
  required: 1,
  acceptsMissing: true,
  apply: (value, [fallback]) => (value === null || value === undefined || value === '' ? fallback : value),
};

/**
 * The fixed, pure pipe catalogue. A Map rather than an object so names like `constructor` can never
 * reach `Object.prototype`.
 */
export const pipes: ReadonlyMap<string, PipeDefinition> = new Map(
  Object.entries({
    ...textPipes,
    ...numberPipes,
    ...collectionPipes,
    ...encodingPipes,
    default: defaultPipe,
    date: datePipe,
  }),
);
