import type { SecretsConfig } from './verification-config.js';

/** The current secret first, then those still accepted during rotation. */
export function signingSecrets(config: SecretsConfig): string[] {
  return [config.secret, ...(config.previousSecrets ?? [])];
}
