import type { RecipeDefinition } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { recipeDefinitionSchema, stepIdSchema } from '../../../../server/src/contracts/recipe-definition';
import { baseStepId, newStepId } from './new-step-id';
import { canMove, createStep, deleteStep, duplicateStep, insertStep, moveStep, updateStep } from './step-edits';
import { allSteps, rootList } from './step-lists';
import { visibleStepIds } from './visible-steps';

const recipe: RecipeDefinition = {
  trigger: { use: 'core/webhook', input: {} },
  steps: [
    { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] } },
    {
      id: 'route',
      use: 'core/paths',
      paths: [
        { name: 'EU', steps: [{ id: 'eu_post', use: 'core/http', input: { url: 'http://127.0.0.1/eu' } }] },
        { name: 'US', steps: [] },
      ],
    },
    { id: 'each', use: 'core/loop', input: { items: '{{trigger.body.items}}' }, steps: [{ id: 'ping', use: 'core/http', input: {} }] },
    { id: 'post', use: 'core/http', input: {}, onError: { steps: [{ id: 'alert', use: 'core/http', input: {} }] } },
  ],
};

const ids = (definition: RecipeDefinition) => allSteps(definition).map((location) => location.step.id);

describe('step ids', () => {
  it('derives ids from the step kind that the server accepts', () => {
    for (const use of ['core/filter', 'slack/post-message@2', 'x/9lives', 'core/sub-recipe', `p/${'a'.repeat(70)}`]) {
      expect(stepIdSchema.safeParse(baseStepId(use)).success, use).toBe(true);
      expect(stepIdSchema.safeParse(newStepId(use, new Set([baseStepId(use)]))).success, use).toBe(true);
    }
    expect(baseStepId('slack/post-message@2')).toBe('post_message');
  });

  it('numbers repeats: filter, filter_2, filter_3', () => {
    expect(newStepId('core/filter', new Set())).toBe('filter');
    expect(newStepId('core/filter', new Set(['filter']))).toBe('filter_2');
    expect(newStepId('core/filter', new Set(['filter', 'filter_2']))).toBe('filter_3');
  });
});

describe('edits', () => {
  it('inserts a new step at an insertion point of any list, leaving the original untouched', () => {
    const step = createStep(recipe, 'core/filter');
    expect(step.id).toBe('filter');
    const atTop = insertStep(recipe, { list: rootList, index: 0 }, step);
    expect(ids(atTop)[0]).toBe('filter');
    const inBranch = insertStep(recipe, { list: { parent: 'route', slot: 'paths', branch: 1 }, index: 0 }, step);
    expect(inBranch.steps[1]!.paths![1]!.steps.map((s) => s.id)).toEqual(['filter']);
    const inLoop = insertStep(recipe, { list: { parent: 'each', slot: 'steps' }, index: 1 }, step);
    expect(inLoop.steps[2]!.steps!.map((s) => s.id)).toEqual(['ping', 'filter']);
    const onError = insertStep(recipe, { list: { parent: 'post', slot: 'onError' }, index: 0 }, step);
    expect(onError.steps[3]!.onError).toEqual({ steps: [step, { id: 'alert', use: 'core/http', input: {} }] });
    expect(ids(recipe)).not.toContain('filter');
  });

  it('creates structural steps with their child lists, and the result is a valid definition', () => {
    let definition = recipe;
    for (const use of ['core/paths', 'core/loop', 'core/approval', 'core/http']) {
      definition = insertStep(definition, { list: rootList, index: definition.steps.length }, createStep(definition, use));
    }
    expect(definition.steps.at(-4)).toMatchObject({ id: 'paths', paths: [{ name: 'Path A', steps: [] }, { name: 'Path B', steps: [] }] });
    expect(definition.steps.at(-3)).toMatchObject({ id: 'loop', steps: [] });
    expect(definition.steps.at(-1)!.id).toBe('http');
    expect(recipeDefinitionSchema.safeParse(definition).success).toBe(true);
  });

  it('deletes a step with everything inside it', () => {
    expect(ids(deleteStep(recipe, 'each'))).toEqual(['big', 'route', 'eu_post', 'post', 'alert']);
    expect(ids(deleteStep(recipe, 'eu_post'))).toEqual(['big', 'route', 'each', 'ping', 'post', 'alert']);
    expect(deleteStep(recipe, 'nope')).toBe(recipe);
  });

  it('duplicates a step right after it with new unique ids, inner steps included', () => {
    const { definition, id } = duplicateStep(recipe, 'each');
    expect(id).toBe('loop');
    expect(ids(definition)).toEqual(['big', 'route', 'eu_post', 'each', 'ping', 'loop', 'http', 'post', 'alert']);
    expect(definition.steps[3]!.input).toEqual({ items: '{{trigger.body.items}}' });
    expect(new Set(ids(definition)).size).toBe(ids(definition).length);
    definition.steps[3]!.input!.items = 'changed';
    expect(recipe.steps[2]!.input!.items).toBe('{{trigger.body.items}}');
  });

  it('moves a step within its own list and stops at the ends', () => {
    expect(ids(moveStep(recipe, 'post', 'up')).slice(0, 4)).toEqual(['big', 'route', 'eu_post', 'post']);
    expect(moveStep(recipe, 'big', 'up')).toBe(recipe);
    expect(moveStep(recipe, 'eu_post', 'down')).toBe(recipe);
    expect(canMove(recipe, 'big', 'up')).toBe(false);
    expect(canMove(recipe, 'big', 'down')).toBe(true);
  });

  it('updates a step and drops keys set to undefined, keeping the id', () => {
    const withConnection = updateStep(recipe, 'ping', { connection: 'c1', input: { url: 'x' } });
    expect(withConnection.steps[2]!.steps![0]).toEqual({ id: 'ping', use: 'core/http', connection: 'c1', input: { url: 'x' } });
    const cleared = updateStep(withConnection, 'ping', { connection: undefined });
    expect(Object.keys(cleared.steps[2]!.steps![0]!)).not.toContain('connection');
  });
});

describe('visible steps', () => {
  it('follows the server: earlier steps, ancestors, the failed step on its error path, loops', () => {
    expect(visibleStepIds(recipe, 'big')).toEqual({ steps: [], inLoop: false });
    expect(visibleStepIds(recipe, 'eu_post')).toEqual({ steps: ['big'], inLoop: false });
    expect(visibleStepIds(recipe, 'ping')).toEqual({ steps: ['big', 'route'], inLoop: true });
    expect(visibleStepIds(recipe, 'alert')).toEqual({ steps: ['big', 'route', 'each', 'post'], inLoop: false });
  });
});
