import { z } from 'zod';
import { defineStep } from './define-step.js';
import { dateOperations } from './formatter-date.js';
import { extractOperations } from './formatter-extract.js';
import { listOperations } from './formatter-list.js';
import { numberOperations } from './formatter-number.js';
import { invalidInput, type FormatterOperation } from './formatter-operation.js';
import { textOperations } from './formatter-text.js';

const allOperations = [
  ...textOperations,
  ...extractOperations,
  ...numberOperations,
  ...dateOperations,
  ...listOperations,
];
const operationsByName = new Map<string, FormatterOperation>(
  allOperations.map((operation) => [operation.name, operation]),
);

/** What the builder lists: every operation as `family.name` with one line of help. */
export const operations: readonly { name: string; description: string }[] = allOperations.map(
  ({ name, description }) => ({ name, description }),
);

const [firstSchema, ...otherSchemas] = allOperations.map((operation) => operation.schema);

/** `{ operation, value, options }`, where each operation validates its own options. */
export const formatterInputSchema = z.discriminatedUnion('operation', [firstSchema, ...otherSchemas]);

/** `core/formatter`: transforms one value; the output is always `{ value }`. */
export const formatterStep = defineStep({
  key: 'core/formatter',
  title: 'Format data',
  description: 'Transforms text, numbers, dates and lists: change case, parse, round, reformat, join and more.',
  sideEffect: false,
  input: formatterInputSchema,
  async run(input, ctx) {
    const operation = operationsByName.get(input.operation);
    // Unreachable through the engine, which validates against the union first; direct callers get a clear error.
    if (operation === undefined) throw invalidInput(`operation ${input.operation} is not a formatter operation`);
    return { kind: 'done', output: { value: operation.apply(input.value, input.options, ctx) } };
  },
});
