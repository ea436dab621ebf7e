import semver from 'semver';
import { z } from 'zod';
import { actionSchema } from './action-schema.js';
import { authSchema } from './auth-schema.js';
import { errorMappingSchema } from './error-mapping-schema.js';
import { headerNameSchema, slugSchema, templateSchema } from './names.js';
import { packTriggerSchema } from './trigger-schema.js';

/** The pack format this build understands; a manifest's `engine` range must include it. */
export const PACK_ENGINE_VERSION = '1.0.0';

// Semantic version 2.0.0, the regex the spec publishes.
const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** An inline SVG the UI can show without running anything: no scripts, handlers or outside references. */
export const iconSchema = z
  .string()
  .max(32_768)
  .refine((svg) => /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(svg), 'must be an inline SVG starting with <svg')
  .refine(
    (svg) => !/<script|<foreignObject|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["']?(?!#)/i.test(svg),
    'must not contain scripts, event handlers or links outside the SVG',
  );

/** Requests per connection, enforced across every run (and process) that uses the connection. */
export const throttleSchema = z.strictObject({
  requests: z.number().int().min(1).max(100_000),
  perSeconds: z.number().int().min(1).max(86_400),
});

export const packManifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: slugSchema.refine((id) => id !== 'core', '"core" is reserved for the steps built into Switchyard'),
    name: z.string().min(1).max(200),
    version: z.string().regex(semverPattern, 'must be a semantic version such as 1.2.0'),
    /** Range of pack format versions this manifest is written for, e.g. `^1.0.0`. */
    engine: z
      .string()
      .min(1)
      .max(100)
      .refine((range) => semver.validRange(range) !== null, 'must be a semver range such as ^1.0.0')
      .refine(
        (range) => semver.validRange(range) === null || semver.satisfies(PACK_ENGINE_VERSION, range),
        `must include pack format ${PACK_ENGINE_VERSION}, the one this Switchyard reads (e.g. ^1.0.0)`,
      ),
    description: z.string().max(5000).optional(),
    icon: iconSchema.optional(),
    homepage: z.url({ protocol: /^https?$/ }).optional(),
    /** Absolute http(s) URL; may template connection fields: `https://{{connection.subdomain}}.example.com/api`. */
    baseUrl: templateSchema,
    auth: authSchema,
    /** Sent with every request of this pack (e.g. an API version header). */
    headers: z.record(headerNameSchema, templateSchema).optional(),
    throttle: throttleSchema.optional(),
    /** Default error mapping for actions that declare none. */
    errors: errorMappingSchema.optional(),
    actions: z.array(actionSchema).default([]),
    triggers: z.array(packTriggerSchema).default([]),
  })
  .meta({ id: 'PackManifest', title: 'Switchyard connector pack' });

export type PackManifest = z.output<typeof packManifestSchema>;
/** What an author writes (defaults not yet applied); built-in packs are typed with this. */
export type PackManifestInput = z.input<typeof packManifestSchema>;
