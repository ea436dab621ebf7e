import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { compileCron } from './compile-cron.js';
import { nextFireAfter } from './next-fire.js';
import { scheduleConfigSchema } from './schedule-config.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const stockholm = (cron: string) => scheduleConfigSchema.parse({ cron, timezone: 'Europe/Stockholm' });

describe('nextFireAfter', () => {
  it('is strictly after the given instant', () => {
    const everyMinute = scheduleConfigSchema.parse({ cron: '* * * * *' });
    expect(iso(nextFireAfter(everyMinute, at('2026-01-05T10:00:00.000Z')))).toBe('2026-01-05T10:01:00.000Z');
    expect(iso(nextFireAfter(everyMinute, at('2026-01-05T09:59:59.999Z')))).toBe('2026-01-05T10:00:00.000Z');
  });

  it('reads the expression in the configured zone', () => {
    const nineOslo = scheduleConfigSchema.parse({ cron: '0 9 * * *', timezone: 'Europe/Oslo' });
    expect(iso(nextFireAfter(nineOslo, at('2026-01-05T00:00:00Z')))).toBe('2026-01-05T08:00:00.000Z');
    expect(iso(nextFireAfter(nineOslo, at('2026-07-05T00:00:00Z')))).toBe('2026-07-05T07:00:00.000Z');
  });

  it('supports six fields with seconds', () => {
    const quarter = scheduleConfigSchema.parse({ cron: '*/15 * * * * *' });
    expect(iso(nextFireAfter(quarter, at('2026-01-05T10:00:07Z')))).toBe('2026-01-05T10:00:15.000Z');
  });

  it('moves a nonexistent wall time on the spring-forward day one hour later', () => {
    // 02:30 does not exist in Stockholm on 2026-03-29; croner runs it at 03:30 CEST (01:30Z).
    const local = nextFireAfter(stockholm('30 2 * * *'), at('2026-03-28T12:00:00Z'));
    expect(DateTime.fromMillis(local ?? 0, { zone: 'Europe/Stockholm' }).toISO()).toBe('2026-03-29T03:30:00.000+02:00');
  });

  it('fires a repeated wall time once, and never goes backwards from inside the repeated hour', () => {
    // On 2026-10-25 Stockholm goes from 03:00 CEST back to 02:00 CET; 01:00Z is 02:00 CET, the second pass.
    expect(iso(nextFireAfter(stockholm('30 2 * * *'), at('2026-10-25T00:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextFireAfter(stockholm('30 2 * * *'), at('2026-10-25T01:00:00Z')))).toBe('2026-10-26T01:30:00.000Z');
    expect(iso(nextFireAfter(stockholm('0,30 * * * *'), at('2026-10-25T01:00:00Z')))).toBe('2026-10-25T02:00:00.000Z');
    // The cost of "each wall time once": a sub-hourly schedule has no fires during the repeated hour.
    expect(iso(nextFireAfter(stockholm('* * * * * *'), at('2026-10-25T01:00:00Z')))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('agrees with croner stepping fire to fire, asked from any instant across both DST changes', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (const cron of ['30 2 * * *', '0,30 * * * *', '*/7 * * * *', '15 */20 * * * *', '0 3 * * *']) {
        const stepping = compileCron(cron, 'Europe/Stockholm');
        const sequence: number[] = [];
        let fire = stepping.nextRun(new Date(at(`${day}T00:00:00Z`) - 6 * 3_600_000));
        while (fire !== null && fire.getTime() < at(`${day}T00:00:00Z`) + 30 * 3_600_000) {
          sequence.push(fire.getTime());
          fire = stepping.nextRun(fire);
        }
        const config = stockholm(cron);
        for (let probe = at(`${day}T00:00:00Z`); probe < at(`${day}T03:00:00Z`); probe += 131_000) {
          expect(nextFireAfter(config, probe), `${cron} after ${iso(probe)}`).toBe(sequence.find((t) => t > probe));
        }
      }
    }
  });

  it('counts intervals from the anchor', () => {
    const every5min = scheduleConfigSchema.parse({ intervalSeconds: 300 });
    const anchor = at('2026-01-05T10:00:00.123Z');
    expect(iso(nextFireAfter(every5min, anchor - 86_400_000, anchor))).toBe('2026-01-05T10:05:00.123Z');
    expect(iso(nextFireAfter(every5min, anchor, anchor))).toBe('2026-01-05T10:05:00.123Z');
    expect(iso(nextFireAfter(every5min, anchor + 300_000, anchor))).toBe('2026-01-05T10:10:00.123Z');
    expect(iso(nextFireAfter(every5min, anchor + 299_999, anchor))).toBe('2026-01-05T10:05:00.123Z');
    expect(iso(nextFireAfter(every5min, at('2026-01-05T10:00:00Z')))).toBe('2026-01-05T10:05:00.000Z');
  });
});
