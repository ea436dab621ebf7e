import { z } from 'zod';

export const healthConditions = ['needs_reconnect', 'connection_failing', 'trigger_silent', 'trigger_failing'] as const;
export type HealthCondition = (typeof healthConditions)[number];

export const healthFlagSchema = z.object({
  condition: z.enum(healthConditions),
  message: z.string().describe('what is wrong and what to do, in a sentence'),
});

const daySchema = z.object({
  date: z.string().describe('UTC day, YYYY-MM-DD'),
  events: z.number().int().describe('connections: vendor calls; triggers: deliveries accepted'),
  failures: z.number().int().describe('connections: calls that failed; triggers: runs that failed'),
});

export const connectionHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  packId: z.string(),
  status: z.enum(['ok', 'needs_reauth', 'error']),
  statusMessage: z.string().nullable(),
  refresh: z
    .enum(['not_oauth', 'fresh', 'expired', 'pasted_token', 'needs_reconnect'])
    .describe('OAuth token state: fresh until tokenExpiresAt, expired (refreshed at next use), or needing a new authorisation'),
  tokenExpiresAt: z.number().nullable(),
  lastCallAt: z.number().nullable(),
  lastFailureAt: z.number().nullable(),
  lastFailure: z.string().nullable(),
  days: z.array(daySchema).describe('the last 14 UTC days, oldest first'),
  flags: z.array(healthFlagSchema),
});
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;

export const triggerHealthSchema = z.object({
  id: z.string(),
  recipeId: z.string(),
  recipeName: z.string(),
  use: z.string(),
  kind: z.enum(['webhook', 'subscription', 'poll', 'schedule', 'other']),
  lastEventAt: z.number().nullable(),
  usualPerDay: z.number().nullable().describe('average deliveries per day over the last 14 full days, when there is enough history to judge'),
  lastError: z.object({ at: z.number(), message: z.string() }).nullable().describe('poll and subscription triggers: the last failed poll, subscribe or renewal'),
  days: z.array(daySchema),
  flags: z.array(healthFlagSchema),
});
export type TriggerHealth = z.infer<typeof triggerHealthSchema>;

export const healthAlertSchema = z.object({
  id: z.string(),
  subjectKind: z.enum(['connection', 'trigger']),
  subjectId: z.string(),
  condition: z.enum(healthConditions),
  message: z.string(),
  raisedAt: z.number(),
  clearedAt: z.number().nullable(),
  notifiedAt: z.number().nullable().describe('when owners were emailed; null when no SMTP account is set for alerts'),
});
export type HealthAlert = z.infer<typeof healthAlertSchema>;

export const integrationHealthSchema = z.object({
  connections: z.array(connectionHealthSchema),
  triggers: z.array(triggerHealthSchema),
  alerts: z.array(healthAlertSchema).describe('open alerts and those raised in the last 14 days, newest first'),
});
export type IntegrationHealth = z.infer<typeof integrationHealthSchema>;

export const alertSettingsSchema = z.strictObject({
  smtpConnectionId: z.string().nullable().describe('an SMTP account (pack smtp) alerts are mailed through; null: no emails'),
  recipients: z.array(z.email()).max(50).describe('who is mailed; empty means every owner'),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
