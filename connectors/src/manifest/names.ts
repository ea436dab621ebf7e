import { z } from 'zod';

/** Pack ids, action and trigger keys: what a recipe writes in `use` (`pack/key`), so kebab-case. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and "-" (at most 64, starting with a letter or digit)');

/** Input and connection field keys: what templates name (`{{input.email}}`), so identifier-like. */
export const fieldKeySchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be letters, digits and "_" (at most 64, not starting with a digit)');

// RFC 9110 token characters, so a declared header can actually appear on the wire.
export const headerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/, 'must be an HTTP header name');

/**
 * A string that may hold `{{ }}` templates (the recipe template language). Scopes depend on where it is
 * used: `input` (the step's fields), `connection` (connection fields and captured values), and others
 * documented at each use.
 */
export const templateSchema = z.string().max(10_000);

/** A dot path into a JSON value, e.g. `data.items` or `body.results[0].id`; empty means the value itself. */
export const pathSchema = z.string().max(500);
