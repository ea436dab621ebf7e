import type { Action, PackManifest } from '@switchyard/connectors';
import { problemsFromZod } from '../contracts/problem.js';
import type { DynamicField } from '../connections/dynamic-fields-from-items.js';
import { loadDynamicFields } from '../connections/load-dynamic-fields.js';
import type { ConnectionAuth, ResolvedConnection } from '../connections/resolved-connection.js';
import type { VendorClient } from '../connections/vendor-client.js';
import { inputSchemaForFields } from '../registry/input-schema-for-fields.js';
import { StepError } from '../steps/step-error.js';
import { renderTemplate } from '../templates/index.js';

/**
 * The request scope of an action with `dynamicFields`: its static `input`, and `fields`, the other input
 * keys checked against the fields fetched for this step's `dependsOn` values (unknown keys, wrong types and
 * missing required fields refuse the step, not retried) and wrapped in their type's value shape. Empty values
 * (`""`, null) are left out of `fields`.
 */
export async function dynamicFieldsScope(
  deps: { connections: ConnectionAuth; vendor: VendorClient },
  call: { manifest: PackManifest; action: Action; connection: ResolvedConnection | undefined; input: Record<string, unknown>; signal: AbortSignal },
): Promise<{ input: Record<string, unknown>; fields: Record<string, unknown> }> {
  const { action, input } = call;
  const isStatic = (key: string) => action.input.some((field) => field.key === key);
  const staticInput = Object.fromEntries(Object.entries(input).filter(([key]) => isStatic(key)));
  // A field left empty is not sent at all (an update changes only what was filled in); a required one is then missing.
  const given = Object.fromEntries(Object.entries(input).filter(([key, value]) => !isStatic(key) && !isBlank(value)));
  // As in the form: until every input the fields depend on is given there are none (nothing to fetch).
  const chosen = action.dynamicFields?.dependsOn.every((key) => !isBlank(staticInput[key])) ?? false;
  const fetched = chosen ? await loadDynamicFields(deps, { ...call, input: staticInput }) : [];
  const unknown = Object.keys(given).filter((key) => !fetched.some(({ field }) => field.key === key));
  if (unknown.length > 0) {
    const keys = fetched.map(({ field }) => field.key);
    const known = keys.length === 0 ? 'none' : keys.length > 20 ? `${keys.slice(0, 20).join(', ')}, …` : keys.join(', ');
    throw new StepError('INVALID_STEP_INPUT', `"${action.name}" has no field ${unknown.map((key) => `"${key}"`).join(', ')} here (fields: ${known})`, {
      details: unknown.map((key) => ({ path: `/input/${key}`, message: 'no such field for the chosen options' })),
    });
  }
  const parsed = inputSchemaForFields(fetched.map(({ field }) => field)).safeParse(given);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error, '/input');
    throw new StepError('INVALID_STEP_INPUT', problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), { details: problems });
  }
  return { input: staticInput, fields: shaped(parsed.data, fetched) };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function shaped(values: Record<string, unknown>, fetched: readonly DynamicField[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      const shape = fetched.find(({ field }) => field.key === key)?.shape;
      return [key, shape === undefined ? value : renderTemplate(shape, { value })];
    }),
  );
}
