import { z } from 'zod';

export const connectionStatuses = ['ok', 'needs_reauth', 'error'] as const;

/** A connection as the API shows it: secret values never appear, only whether each is set. */
export const connectionViewSchema = z.object({
  id: z.string(),
  packId: z.string(),
  name: z.string(),
  status: z.enum(connectionStatuses),
  statusMessage: z.string().nullable(),
  lastCheckedAt: z.number().nullable().describe('epoch ms of the last test request'),
  fields: z.record(z.string(), z.unknown()).describe('values of the non-secret fields'),
  captured: z.record(z.string(), z.unknown()).describe('values kept while authorising (e.g. instance_url, realmId)'),
  secrets: z.array(z.object({ key: z.string(), set: z.boolean() })).describe('each secret field and whether it has a value'),
  authorized: z.boolean().describe('OAuth2: whether the connection holds a token'),
  tokenPasted: z.boolean().describe('OAuth2: the token was pasted by the user (the pack\'s pasteToken) rather than issued through OAuth'),
  tokenExpiresAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

const pastedTokenSchema = z
  .string()
  .min(1)
  .max(8192)
  .describe('OAuth2 packs with pasteToken: a token the user pasted (a bot token, a personal access token) instead of connecting through OAuth');

export const newConnectionSchema = z.strictObject({
  packId: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  fields: z.record(z.string(), z.unknown()).default({}),
  token: pastedTokenSchema.optional(),
});

export const connectionChangesSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  fields: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('only the keys to change; a secret left out keeps its value, null clears a value'),
  token: pastedTokenSchema.optional().describe('a new pasted token: reconnects in place'),
});
