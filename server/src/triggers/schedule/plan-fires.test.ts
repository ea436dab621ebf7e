import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MISFIRE_GRACE_MS, planFires, type ScheduleState } from './plan-fires.js';
import { scheduleConfigSchema, type ScheduleConfigInput } from './schedule-config.js';

const at = (iso: string) => Date.parse(iso);
const isos = (times: number[]) => times.map((t) => new Date(t).toISOString());

/**
 * A scheduler on a fake clock: it wakes a little after each `nextAt` and persists the last fired time, as
 * the real one does in the enqueue transaction. During `down` it is stopped; on restart it plans at once.
 */
function simulate(input: ScheduleConfigInput, from: string, until: string, down?: [string, string]) {
  const config = scheduleConfigSchema.parse(input);
  let state: ScheduleState = { lastFireAt: null, enabledAt: at(from) };
  const fired: number[] = [];
  let restarted = down === undefined;
  for (let now = at(from); now <= at(until); ) {
    const plan = planFires(config, state, now);
    fired.push(...plan.fireAt);
    state = { ...state, lastFireAt: plan.fireAt.at(-1) ?? state.lastFireAt };
    if (plan.nextAt === null) break;
    now = plan.nextAt + 250;
    if (!restarted && down !== undefined && now >= at(down[0])) {
      now = at(down[1]);
      restarted = true;
    }
  }
  return fired;
}

describe('planFires', () => {
  const everyMinute = { cron: '* * * * *' };

  it('fires each minute on time', () => {
    expect(isos(simulate(everyMinute, '2026-06-01T10:00:30Z', '2026-06-01T10:03:30Z'))).toEqual([
      '2026-06-01T10:01:00.000Z',
      '2026-06-01T10:02:00.000Z',
      '2026-06-01T10:03:00.000Z',
    ]);
  });

  describe('every minute across a 3-minute downtime (10:01:10 to 10:04:10)', () => {
    const downtime: [string, string] = ['2026-06-01T10:01:10Z', '2026-06-01T10:04:10Z'];

    it('skip: the missed 10:02 and 10:03 never run; 10:04 is 10 s late, so on time', () => {
      expect(isos(simulate(everyMinute, '2026-06-01T10:00:30Z', '2026-06-01T10:05:30Z', downtime))).toEqual([
        '2026-06-01T10:01:00.000Z',
        '2026-06-01T10:04:00.000Z',
        '2026-06-01T10:05:00.000Z',
      ]);
    });

    it('run_once: one catch-up run for the latest missed time, then 10:04 as usual', () => {
      const input = { ...everyMinute, misfire: 'run_once' } as const;
      expect(isos(simulate(input, '2026-06-01T10:00:30Z', '2026-06-01T10:05:30Z', downtime))).toEqual([
        '2026-06-01T10:01:00.000Z',
        '2026-06-01T10:03:00.000Z',
        '2026-06-01T10:04:00.000Z',
        '2026-06-01T10:05:00.000Z',
      ]);
    });
  });

  it('treats exactly the grace window as on time', () => {
    const config = scheduleConfigSchema.parse({ cron: '0 9 * * *' });
    const state = { lastFireAt: null, enabledAt: at('2026-06-01T00:00:00Z') };
    const nine = at('2026-06-01T09:00:00Z');
    expect(planFires(config, state, nine + MISFIRE_GRACE_MS).fireAt).toEqual([nine]);
    expect(planFires(config, state, nine + MISFIRE_GRACE_MS + 1).fireAt).toEqual([]);
    expect(planFires(config, state, nine - 1)).toEqual({ fireAt: [], nextAt: nine });
  });

  it('never returns a time twice once lastFireAt is persisted, and owes nothing from before enabling', () => {
    const config = scheduleConfigSchema.parse({ cron: '0 9 * * *', misfire: 'run_once' });
    const now = at('2026-06-10T12:00:00Z');
    const state = { lastFireAt: at('2026-06-01T09:00:00Z'), enabledAt: at('2026-06-01T00:00:00Z') };
    const first = planFires(config, state, now);
    expect(first).toEqual({ fireAt: [at('2026-06-10T09:00:00Z')], nextAt: at('2026-06-11T09:00:00Z') });
    expect(planFires(config, state, now)).toEqual(first);
    expect(planFires(config, { ...state, lastFireAt: first.fireAt[0] ?? null }, now).fireAt).toEqual([]);
    const reenabled = { ...state, enabledAt: at('2026-06-10T10:00:00Z') };
    expect(planFires(config, reenabled, now).fireAt).toEqual([]);
  });

  it('finds the latest missed time after a long downtime without walking every tick', () => {
    const config = scheduleConfigSchema.parse({ cron: '*/10 * * * * *', misfire: 'run_once' });
    const state = { lastFireAt: at('2025-06-01T00:00:00Z'), enabledAt: at('2025-01-01T00:00:00Z') };
    const plan = planFires(config, state, at('2026-06-01T12:00:05Z'));
    expect(isos(plan.fireAt)).toEqual([
      '2026-06-01T11:59:00.000Z',
      '2026-06-01T11:59:10.000Z',
      '2026-06-01T11:59:20.000Z',
      '2026-06-01T11:59:30.000Z',
      '2026-06-01T11:59:40.000Z',
      '2026-06-01T11:59:50.000Z',
      '2026-06-01T12:00:00.000Z',
    ]);
    expect(plan.nextAt).toBe(at('2026-06-01T12:00:10Z'));
  });

  it('fires six-field (seconds) schedules', () => {
    expect(isos(simulate({ cron: '*/20 * * * * *' }, '2026-06-01T10:00:05Z', '2026-06-01T10:01:05Z'))).toEqual([
      '2026-06-01T10:00:20.000Z',
      '2026-06-01T10:00:40.000Z',
      '2026-06-01T10:01:00.000Z',
    ]);
  });

  it('runs intervals from the enabling time and applies the misfire policy to them', () => {
    const enabled = '2026-06-01T10:00:00.500Z';
    const fired = simulate({ intervalSeconds: 300, misfire: 'run_once' }, enabled, '2026-06-01T11:00:00Z', [
      '2026-06-01T10:06:00Z',
      '2026-06-01T10:31:00Z',
    ]);
    expect(isos(fired)).toEqual([
      '2026-06-01T10:05:00.500Z',
      '2026-06-01T10:25:00.500Z',
      '2026-06-01T10:30:00.500Z',
      '2026-06-01T10:35:00.500Z',
      '2026-06-01T10:40:00.500Z',
      '2026-06-01T10:45:00.500Z',
      '2026-06-01T10:50:00.500Z',
      '2026-06-01T10:55:00.500Z',
    ]);
  });

  describe('30 2 * * * in Europe/Stockholm runs once per local day across DST (2026)', () => {
    const daily = { cron: '30 2 * * *', timezone: 'Europe/Stockholm' };
    const local = (times: number[]) =>
      times.map((t) => DateTime.fromMillis(t, { zone: 'Europe/Stockholm' }).toISO({ suppressMilliseconds: true }));

    it('spring forward (29 March): the nonexistent 02:30 runs at 03:30 CEST', () => {
      expect(local(simulate(daily, '2026-03-27T12:00:00Z', '2026-03-31T12:00:00Z'))).toEqual([
        '2026-03-28T02:30:00+01:00',
        '2026-03-29T03:30:00+02:00',
        '2026-03-30T02:30:00+02:00',
        '2026-03-31T02:30:00+02:00',
      ]);
    });

    it('spring forward: a restart at 03:10 CEST still runs that day', () => {
      const fired = simulate(daily, '2026-03-27T12:00:00Z', '2026-03-30T12:00:00Z', [
        '2026-03-28T12:00:00Z',
        '2026-03-29T01:10:00Z',
      ]);
      expect(local(fired)).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:30:00+02:00', '2026-03-30T02:30:00+02:00']);
    });

    it('fall back (25 October): the repeated 02:30 runs once, on its first pass', () => {
      expect(local(simulate(daily, '2026-10-23T12:00:00Z', '2026-10-27T12:00:00Z'))).toEqual([
        '2026-10-24T02:30:00+02:00',
        '2026-10-25T02:30:00+02:00',
        '2026-10-26T02:30:00+01:00',
        '2026-10-27T02:30:00+01:00',
      ]);
    });

    it('fall back: a restart during the repeated hour does not run it again', () => {
      const fired = simulate({ ...daily, misfire: 'run_once' }, '2026-10-23T12:00:00Z', '2026-10-26T12:00:00Z', [
        '2026-10-25T00:31:00Z',
        '2026-10-25T01:30:30Z',
      ]);
      expect(local(fired)).toEqual(['2026-10-24T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00']);
    });
  });
});
