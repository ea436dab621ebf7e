import { z } from 'zod';
import { defineStep } from './define-step.js';
import { runSandboxed } from './sandbox/run-sandboxed.js';

const maxCodeBytes = 100 * 1024;

const codeInputSchema = z.strictObject({
  /** The body of an async function of `input`, e.g. `return { total: input.items.length }`. */
  code: z.string().refine((code) => Buffer.byteLength(code, 'utf8') <= maxCodeBytes, { message: 'code is limited to 100 KB' }),
  /** Handed to the code as `input` (null when omitted). */
  input: z.json().optional(),
  /** Wall-clock limit: covers computing and waiting for fetch answers alike. */
  timeoutMs: z.number().int().min(10).max(60_000).default(5_000),
  /** Computing time alone: a busy loop is stopped by this, a slow API only by `timeoutMs`. */
  cpuMs: z.number().int().min(10).max(10_000).default(1_000),
  memoryMb: z.number().int().min(8).max(256).default(64),
});

export const codeStep = defineStep({
  key: 'core/code',
  title: 'Code',
  description:
    'Run JavaScript in a sandbox: the body of an async function of `input` whose JSON return value is the output. ' +
    '`console.log` is captured; `fetch` goes through the egress guard. No Node.js APIs, no timers. ' +
    'Runs on a worker thread, limited by `timeoutMs` (wall clock) and `cpuMs` (computing only).',
  sideEffect: true,
  input: codeInputSchema,
  async run(input, ctx) {
    const { result, logs, logsDropped } = await runSandboxed({
      code: input.code,
      input: input.input,
      timeoutMs: input.timeoutMs,
      cpuMs: input.cpuMs,
      memoryMb: input.memoryMb,
      egress: ctx.egress,
      signal: ctx.signal,
    });
    return { kind: 'done', output: { result, logs, ...(logsDropped > 0 && { logsDropped }) } };
  },
});
