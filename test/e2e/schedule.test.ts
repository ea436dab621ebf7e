import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, queryDb, triggerIdOf } from '../support/inspect-db.js';
import { publishRecipe, waitForRuns } from '../support/recipes.js';
import { Sink } from '../support/sink.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { localParts, nextDailyAt } from '../support/zoned-time.js';

interface TriggerState {
  id: string;
  kind: string;
  active: boolean;
  lastFireAt: number | null;
  nextFireAt: number | null;
}

interface ScheduleEvent {
  scheduledAt: string;
  firedAt: string;
  timezone: string;
}

/** DESIGN §5 core/schedule: cron in an IANA zone, each scheduled time once, across a crash. */
describe('core/schedule', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;

  beforeAll(async () => {
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
  });


  const state = async (recipeId: string) => {
    const answer = await server.api<TriggerState>('GET', `/triggers/${triggerIdOf(server.dataDir, recipeId)}/state`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('plans a daily cron at the local time of its zone, converted to UTC', async () => {
    const cases = [
      { zone: 'Asia/Kolkata', hour: 9, minute: 30 },
      { zone: 'America/New_York', hour: 7, minute: 15 },
      { zone: 'Europe/Stockholm', hour: 3, minute: 0 },
    ];
    for (const { zone, hour, minute } of cases) {
      const before = Date.now();
      const recipe = await publishRecipe(server, {
        name: `daily in ${zone}`,
        trigger: { use: 'core/schedule', input: { cron: `${minute} ${hour} * * *`, timezone: zone } },
        steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/daily`, json: {} } }],
      });
      const after = Date.now();
      // Computed with Intl only; equal for both bounds unless publishing straddled the fire time itself.
      const expected = [nextDailyAt(zone, hour, minute, before), nextDailyAt(zone, hour, minute, after)];
      const live = await state(recipe.id);
      expect(live).toMatchObject({ kind: 'core/schedule', active: true, lastFireAt: null });
      expect(expected, `${zone}: got ${new Date(live.nextFireAt ?? 0).toISOString()}`).toContain(live.nextFireAt);
      expect(recipe.trigger.nextFireAt).toBe(live.nextFireAt);
      const local = localParts(zone, live.nextFireAt!);
      expect([local.hour, local.minute, local.second]).toEqual([hour, minute, 0]);
      expect(live.nextFireAt! - before).toBeLessThanOrEqual(86_400_000 + 3_600_000);
    }
  });

  it('fires */2 * * * * * in Europe/Stockholm on every even second exactly once, across a SIGKILL', async () => {
    const recipe = await publishRecipe(server, {
      name: 'every two seconds',
      // allowOverlap: a run still marked running after the crash must not hold back the next times.
      trigger: { use: 'core/schedule', input: { cron: '*/2 * * * * *', timezone: 'Europe/Stockholm', allowOverlap: true } },
      steps: [
        {
          id: 'post',
          use: 'core/http',
          input: { method: 'POST', url: `${sink.url}/tick`, json: { scheduledAt: '{{trigger.scheduledAt}}', timezone: '{{trigger.timezone}}' } },
        },
      ],
    });
    const ticks = () => sink.requestsTo('/tick').length;
    await waitFor(() => ticks() >= 3, { timeoutMs: 15_000, what: '3 scheduled runs', describe: ticks });

    const killedAt = Date.now();
    await server.kill('SIGKILL');
    await sleep(3_000); // at least one scheduled time passes while the server is down
    const restartedAt = Date.now();
    await server.start();
    const ticksAfterRestart = () =>
      sink.requestsTo('/tick').filter((request) => Date.parse((request.json as { scheduledAt: string }).scheduledAt) > restartedAt).length;
    await waitFor(() => ticksAfterRestart() >= 3, { timeoutMs: 15_000, what: '3 scheduled runs due after the restart', describe: ticks });

    const paused = await server.api('POST', `/recipes/${recipe.id}/pause`, {});
    expect(paused.status).toBe(200);
    const pausedAt = Date.now();
    const runCount = countRows(server.dataDir, 'select count(*) as n from runs where recipe_id = ?', recipe.id);
    const runs = await waitForRuns(server, recipe.id, runCount, 30_000);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);

    const events = queryDb<{ trigger_event: string }>(server.dataDir, 'select trigger_event from runs where recipe_id = ?', recipe.id).map(
      (row) => JSON.parse(row.trigger_event) as ScheduleEvent,
    );
    const scheduled = events.map((event) => Date.parse(event.scheduledAt)).sort((a, b) => a - b);
    // Each scheduled second once: distinct, on even seconds, and none missing between the first and the last,
    // including those that fell into the outage (within the 60 s misfire grace, so owed after the restart).
    expect(new Set(scheduled).size).toBe(scheduled.length);
    expect(scheduled.filter((at) => at % 2000 !== 0)).toEqual([]);
    const expectedSeconds = Array.from({ length: (scheduled.at(-1)! - scheduled[0]!) / 2000 + 1 }, (_, i) => scheduled[0]! + i * 2000);
    expect(scheduled).toEqual(expectedSeconds);
    expect(scheduled.some((at) => at > killedAt && at < restartedAt)).toBe(true);
    expect(scheduled.at(-1)!).toBeLessThanOrEqual(pausedAt);
    for (const event of events) {
      expect(event.timezone).toBe('Europe/Stockholm');
      const late = Date.parse(event.firedAt) - Date.parse(event.scheduledAt);
      expect(late).toBeGreaterThanOrEqual(0);
      // Times that fell into the outage fire right after the restart; the others on the scheduler's next tick.
      const inOutage = Date.parse(event.scheduledAt) > killedAt - 2000 && Date.parse(event.scheduledAt) < restartedAt + 5000;
      if (!inOutage) expect(late, event.scheduledAt).toBeLessThan(5000);
    }

    // The sink got one post per scheduled time; the inbox holds one row per time.
    const posted = sink.requestsTo('/tick').map((request) => Date.parse((request.json as { scheduledAt: string }).scheduledAt));
    expect(posted.sort((a, b) => a - b)).toEqual(scheduled);
    const triggerId = triggerIdOf(server.dataDir, recipe.id);
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(scheduled.length);
    const after = await state(recipe.id);
    expect(after).toMatchObject({ active: false, lastFireAt: scheduled.at(-1) });
    console.log(`[e2e] schedule */2s ${JSON.stringify({ runs: scheduled.length, firstFire: new Date(scheduled[0]!).toISOString(), outageMs: restartedAt - killedAt })}`);
  });
});
