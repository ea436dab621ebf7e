import { describe, expect, it } from 'vitest';
import { publishRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

/** core/manual from the CLI: `switchyard recipes run <id> --input … --wait` against a running server. */
describe('switchyard recipes run', () => {
  const own = useResources('each');

  it('runs the published recipe with JSON input as the trigger body and prints the finished run', async () => {
    const sink = own(await Sink.start());
    const server = own(await SwitchyardProcess.launch());
    const recipe = await publishRecipe(server, {
      name: 'Manual post',
      trigger: { use: 'core/manual' },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/manual`, json: { who: '{{trigger.body.who}}' } } }],
    });

    const ran = await server.cli(['recipes', 'run', recipe.id, '--input', '{"who":"ada"}', '--wait']);
    expect(ran.code, ran.stderr).toBe(0);
    const run = JSON.parse(ran.stdout) as { status: string; triggerKind: string; trigger: { body: unknown } };
    expect(run).toMatchObject({ status: 'succeeded', triggerKind: 'core/manual', trigger: { body: { who: 'ada' } } });
    expect(sink.requestsTo('/manual').map((request) => request.json)).toEqual([{ who: 'ada' }]);

    const invalid = await server.cli(['recipes', 'run', recipe.id, '--input', '{not json']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/--input is not valid JSON/);
  });
});
