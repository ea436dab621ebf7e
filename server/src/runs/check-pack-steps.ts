import { problemsFromZod, type Problem } from '../contracts/problem.js';
import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { inputSchemaForFields } from '../registry/input-schema-for-fields.js';
import type { PackRegistry, ResolvedAction } from '../registry/pack-registry.js';
import { parseUse, pinUse } from '../registry/parse-use.js';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import { findCoreStep } from '../steps/core-steps.js';
import { unknownStepMessage } from './find-step.js';

export interface PackStepChecks {
  registry: PackRegistry;
  database: Database;
}

/**
 * What saving a recipe checks about its pack steps (core steps are `validateSteps`' business, but for the
 * connection a core step such as core/email needs, checked here alike): the pack
 * and action are installed; an unpinned `use` is pinned to the newest installed major, so a later major
 * never changes a saved recipe; a pack that needs auth has a `connection` of that pack; literal input
 * values fit the action's fields (templated ones are checked when the step runs). Returns the steps with
 * their pins (everything else, key order included, as given) and every problem with its JSON pointer.
 */
export async function checkPackSteps(steps: StepDefinitionJson[], checks: PackStepChecks, pointer = '/steps'): Promise<{ steps: StepDefinitionJson[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const walk = async (list: StepDefinitionJson[], at: string): Promise<StepDefinitionJson[]> => {
    const out: StepDefinitionJson[] = [];
    for (const [index, step] of list.entries()) {
      const here = `${at}/${index}`;
      let checked = step;
      const needs = findCoreStep(step.use)?.connectionPack;
      if (needs) problems.push(...(await checkConnection(step, needs, here, checks.database)));
      if (!step.use.startsWith('core/') && parseUse(step.use)) {
        const resolved = await checks.registry.action(step.use);
        if (!resolved) problems.push({ path: `${here}/use`, message: await unknownStepMessage(step.use, checks.registry) });
        else {
          const { manifest } = resolved;
          if (manifest.auth.kind !== 'none') problems.push(...(await checkConnection(step, { id: manifest.id, name: `${manifest.name} connection` }, here, checks.database)));
          problems.push(...checkLiteralInput(step, resolved, here));
          if (parseUse(step.use)!.major === undefined) checked = { ...step, use: pinUse(step.use, resolved.major) };
        }
      }
      if (step.steps) checked = { ...checked, steps: await walk(step.steps, `${here}/steps`) };
      if (step.paths) {
        const paths = [];
        for (const [branchIndex, branch] of step.paths.entries()) paths.push({ ...branch, steps: await walk(branch.steps, `${here}/paths/${branchIndex}/steps`) });
        checked = { ...checked, paths };
      }
      if (typeof step.onError === 'object') checked = { ...checked, onError: { ...step.onError, steps: await walk(step.onError.steps, `${here}/onError/steps`) } };
      out.push(checked);
    }
    return out;
  };
  const pinned = await walk(steps, pointer);
  return { steps: pinned, problems };
}

/** The step names a connection of `pack` that exists. */
async function checkConnection(step: StepDefinitionJson, pack: { id: string; name: string }, at: string, database: Database): Promise<Problem[]> {
  const path = `${at}/connection`;
  if (!step.connection) return [{ path, message: `this step needs a ${pack.name}` }];
  const row = await connectionRepo.get(database.db, step.connection);
  if (!row) return [{ path, message: `no connection "${step.connection}" exists` }];
  if (row.pack_id !== pack.id) return [{ path, message: `connection "${step.connection}" belongs to pack '${row.pack_id}', not '${pack.id}'` }];
  return [];
}

/**
 * Literal values are checked now; a value holding a template is only known when the step runs. Keys that are
 * no static field are accepted for an action with `dynamicFields`: saving never calls the vendor, so they
 * are checked against the fetched fields when the step runs.
 */
function checkLiteralInput(step: StepDefinitionJson, resolved: ResolvedAction, at: string): Problem[] {
  const input = step.input ?? {};
  const fields = resolved.action.input;
  const problems: Problem[] = [];
  for (const key of Object.keys(input)) {
    if (!fields.some((field) => field.key === key) && !resolved.action.dynamicFields) {
      problems.push({ path: `${at}/input/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, message: `"${resolved.action.name}" has no field "${key}"` });
    }
  }
  const literal = fields.filter((field) => !holdsTemplate(input[field.key]));
  const parsed = inputSchemaForFields(literal).safeParse(Object.fromEntries(literal.filter((field) => Object.hasOwn(input, field.key)).map((field) => [field.key, input[field.key]])));
  if (!parsed.success) problems.push(...problemsFromZod(parsed.error, `${at}/input`));
  return problems;
}

function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsTemplate);
  return false;
}
