import { z } from 'zod';
import { defineStep } from './define-step.js';

export const approvalStep = defineStep({
  key: 'core/approval',
  title: 'Wait for approval',
  description:
    'Pause the run until someone clicks the approve or reject link in this step\'s output. The step\'s own child steps run first, to send the links anywhere ({{steps.<id>.output.approveUrl}}). Rejecting stops the run; no decision by the deadline fails the step.',
  sideEffect: false,
  parksRun: true,
  input: z.strictObject({
    message: z.string().max(2000).optional(),
    timeoutHours: z.number().min(0.01).max(24 * 90).default(72),
  }),
  async run(input, ctx) {
    const expiresAt = ctx.now() + Math.round(input.timeoutHours * 3_600_000);
    const links = ctx.approvalLinks(expiresAt);
    return { kind: 'wait', deadline: expiresAt, output: { ...links, message: input.message ?? null, expiresAt: new Date(expiresAt).toISOString(), decision: null } };
  },
});
