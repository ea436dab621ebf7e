import { renderTemplate } from '../../templates/index.js';
import { MAX_PREVIOUS_SECRETS } from '../verification/verification-config.js';

function render(template: string, scope: Record<string, unknown>): string | undefined {
  try {
    const value = renderTemplate(template, scope);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The secrets a pack trigger's delivery may be signed with: the `secret` template rendered with the current
 * scope, and rendered again once per previous value of a connection field still in its rotation window
 * (that one field replaced). A field the template does not name renders the current secret, which is
 * dropped; so are empties and repeats, and previous ones beyond what verifiers accept.
 */
export function packSigningSecrets(
  template: string,
  scope: Record<string, unknown>,
  previousFields: Record<string, unknown[]> | undefined,
): { secret: string | undefined; previousSecrets: string[] } {
  const secret = render(template, scope);
  const connection = (scope['connection'] ?? {}) as Record<string, unknown>;
  const previous = new Set<string>();
  for (const [key, values] of Object.entries(previousFields ?? {})) {
    for (const value of values) {
      const rendered = render(template, { ...scope, connection: { ...connection, [key]: value } });
      if (rendered !== undefined && rendered !== secret) previous.add(rendered);
    }
  }
  return { secret, previousSecrets: [...previous].slice(0, MAX_PREVIOUS_SECRETS) };
}
