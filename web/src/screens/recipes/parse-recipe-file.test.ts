import { describe, expect, it } from 'vitest';
import { parseRecipeFile, RecipeFileError } from './parse-recipe-file';

describe('parseRecipeFile', () => {
  it('reads .yaml and .yml files as YAML and other files as JSON', async () => {
    const yaml = 'name: Shout\ntrigger:\n  use: core/manual\nsteps: []\n';
    const recipe = { name: 'Shout', trigger: { use: 'core/manual' }, steps: [] };
    await expect(parseRecipeFile('shout.yaml', yaml)).resolves.toEqual(recipe);
    await expect(parseRecipeFile('SHOUT.YML', yaml)).resolves.toEqual(recipe);
    await expect(parseRecipeFile('shout.json', JSON.stringify(recipe))).resolves.toEqual(recipe);
  });

  it('names the line and column of a YAML problem', async () => {
    const error = await parseRecipeFile('bad.yml', 'name: a\nsteps:\n  - id: x\n   use: y\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecipeFileError);
    expect((error as Error).message).toBe('The file is not valid YAML (line 4, column 1): Sequence item without - indicator');
  });

  it('names the line and column of a JSON problem', async () => {
    const error = await parseRecipeFile('bad.json', '{\n  "name": "a",\n  oops\n}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecipeFileError);
    expect((error as Error).message).toMatch(/^The file is not JSON: .+ \(line 3, column 3\)$/);
  });
});
