import { scanTemplate, type TemplateReference } from '../templates/scan-template.js';
import { connectionFieldKeys } from './implicit-connection-fields.js';
import type { LooseObject } from './loose.js';
import type { PackProblem } from './pack-problem.js';
import { templatePlaces, type TemplateScope } from './template-places.js';

const webhookKeys = ['url', 'secret'];

/** Templates name only roots their place provides, and only inputs, connection fields and kept values that exist. */
export function templateReferenceRule(manifest: LooseObject): PackProblem[] {
  const connection = connectionFieldKeys(manifest.auth);
  const problems: PackProblem[] = [];
  for (const { pointer, text, scope } of templatePlaces(manifest)) {
    const scan = scanTemplate(text);
    for (const error of scan.errors) problems.push({ path: pointer, message: `this template ${error}` });
    for (const reference of scan.references) {
      const message = referenceProblem(reference, scope, connection);
      if (message !== undefined) problems.push({ path: pointer, message });
    }
  }
  return problems;
}

function referenceProblem(reference: TemplateReference, scope: TemplateScope, connection: readonly string[]): string | undefined {
  const { root, first } = reference;
  const shown = `{{${root}${first === undefined ? '' : `.${first}`}}}`;
  if (!scope.roots.includes(root)) {
    return `${shown} cannot be used in ${scope.place}, which sees only ${spoken(scope.roots)}`;
  }
  if (first === undefined) return undefined;
  const known = knownKeys(root, scope, connection);
  if (known === undefined || known.includes(first)) return undefined;
  return `${shown} ${missingSentence(root, scope)} (${known.length === 0 ? 'there are none' : `known: ${known.join(', ')}`})`;
}

function knownKeys(root: string, scope: TemplateScope, connection: readonly string[]): readonly string[] | undefined {
  if (root === 'input') return scope.input;
  if (root === 'connection') return connection;
  if (root === 'subscription') return scope.subscription;
  if (root === 'webhook') return webhookKeys;
  if (root === 'poll') return ['cursor'];
  return undefined;
}

function missingSentence(root: string, scope: TemplateScope): string {
  if (root === 'input') return scope.inputHint === undefined ? 'names no input field' : `is not available here: ${scope.inputHint}`;
  if (root === 'connection') return 'names no connection field';
  if (root === 'subscription') return 'names no value kept from the subscribe response (id or a capture key)';
  if (root === 'poll') return 'is not provided: a poll request sees only poll.cursor';
  return 'is not provided: the webhook has only url and secret';
}

/** `input, connection and webhook` */
function spoken(items: readonly string[]): string {
  return items.length === 1 ? (items[0] as string) : `${items.slice(0, -1).join(', ')} and ${items.at(-1) as string}`;
}
