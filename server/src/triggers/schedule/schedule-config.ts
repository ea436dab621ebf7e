import { IANAZone } from 'luxon';
import { z } from 'zod';
import { cronProblem } from './compile-cron.js';

/** Input of the `core/schedule` trigger: a cron expression in a time zone, or a fixed interval. */
export const scheduleConfigSchema = z
  .object({
    cron: z
      .string()
      .trim()
      .max(256)
      .superRefine((pattern, ctx) => {
        const problem = cronProblem(pattern);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    // Longer than a year is a calendar rule, which is what cron is for.
    intervalSeconds: z.number().int().min(1).max(366 * 86_400).optional(),
    /** IANA zone the cron expression is read in; ignored by intervals. */
    timezone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: (issue) => `unknown time zone ${JSON.stringify(issue.input)}; use an IANA name such as "Europe/Stockholm"`,
      })
      .default('UTC'),
    /** When false, the scheduler does not start a run while an earlier run of the same trigger is active. */
    allowOverlap: z.boolean().default(false),
    /** What happens to times missed while Switchyard was down; see README.md. */
    misfire: z.enum(['skip', 'run_once']).default('skip'),
  })
  .refine((config) => (config.cron === undefined) !== (config.intervalSeconds === undefined), {
    error: 'give exactly one of "cron" or "intervalSeconds"',
  });

export type ScheduleConfig = z.output<typeof scheduleConfigSchema>;
export type ScheduleConfigInput = z.input<typeof scheduleConfigSchema>;
export type MisfirePolicy = ScheduleConfig['misfire'];
