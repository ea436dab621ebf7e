import { z } from 'zod';

export const auditActions = [
  'setup',
  'login',
  'logout',
  'user.create',
  'token.create',
  'recipe.create',
  'recipe.update',
  'recipe.restore',
  'recipe.publish',
  'recipe.unpublish',
  'recipe.pause',
  'recipe.delete',
  'recipe.run',
  'recipe.invoke',
  'recipe.test-step',
  'run.replay',
  'run.cancel',
  'trigger.reset',
  'storage.sweep',
  'approval.decide',
  'pack.install',
  'pack.remove',
  'recipe.upgrade-pack',
  'connection.create',
  'connection.update',
  'connection.delete',
  'connection.authorize',
  'login.refused',
  'identity.link',
  'invitation.create',
  'invitation.revoke',
  'sign-in-provider.save',
  'sign-in-provider.delete',
  'hook_subscription.create',
  'hook_subscription.delete',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

/**
 * Flat scalars only: names, ids, counts. Nested values are refused by the type so that a request body,
 * a definition or a step input (any of which may hold a secret) cannot be copied into the log wholesale.
 */
export const auditDetailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number().int().describe('epoch ms'),
  actor: z.object({ id: z.string(), email: z.string() }).nullable().describe('null when no signed-in user acted (CLI, approval links)'),
  action: auditActionSchema,
  targetId: z.string().nullable().describe('the recipe, run, user, token or trigger acted on'),
  details: auditDetailsSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
