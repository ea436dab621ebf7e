import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';

/**
 * Types a built-in pack as an author-side manifest while keeping its literal types (`kind: 'basic'`, not
 * `string`), so a typo fails type checking without a cast. The value is returned unchanged: plain data that
 * passes the same validator as an imported pack.
 */
export function definePack<const T extends PackManifestInput>(pack: T): T {
  return pack;
}
