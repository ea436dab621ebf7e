import { z } from 'zod';
import { defineStep } from './define-step.js';
import { StepError } from './step-error.js';

const units = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const maxDelayMs = 366 * units.days;

export const delayStep = defineStep({
  key: 'core/delay',
  title: 'Delay',
  description: 'Wait for a while or until a moment; the wait survives restarts and holds no worker.',
  sideEffect: false,
  parksRun: true,
  input: z
    .strictObject({
      for: z.strictObject({
        seconds: z.number().min(0).optional(),
        minutes: z.number().min(0).optional(),
        hours: z.number().min(0).optional(),
        days: z.number().min(0).optional(),
      }).optional(),
      until: z.union([z.string(), z.number()]).optional(),
    })
    .refine((input) => (input.for === undefined) !== (input.until === undefined), { message: 'give exactly one of "for" and "until"' }),
  async run(input, ctx) {
    const now = ctx.now();
    let until: number;
    if (input.for) {
      until = now + Object.entries(input.for).reduce((sum, [unit, n]) => sum + (n ?? 0) * units[unit as keyof typeof units], 0);
    } else {
      until = typeof input.until === 'number' ? input.until : Date.parse(input.until!);
      if (!Number.isFinite(until)) throw new StepError('DELAY_INVALID_UNTIL', `"until" is not a date: ${String(input.until).slice(0, 60)}`);
    }
    if (until - now > maxDelayMs) throw new StepError('DELAY_TOO_LONG', 'a delay can last at most 366 days');
    const resumeAt = Math.max(until, now);
    return { kind: 'sleep', until: resumeAt, output: { resumedAt: new Date(resumeAt).toISOString() } };
  },
});
