import { describe, expect, it } from 'vitest';
import { scheduleConfigSchema } from './schedule-config.js';

function issues(input: unknown) {
  const result = scheduleConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: `/${issue.path.join('/')}`, message: issue.message }));
}

describe('scheduleConfigSchema', () => {
  it('fills defaults', () => {
    expect(scheduleConfigSchema.parse({ cron: ' 0 9 * * 1 ' })).toEqual({
      cron: '0 9 * * 1',
      timezone: 'UTC',
      allowOverlap: false,
      misfire: 'skip',
    });
    expect(scheduleConfigSchema.parse({ intervalSeconds: 30, misfire: 'run_once' })).toMatchObject({ intervalSeconds: 30 });
  });

  it('accepts six fields (seconds first) and nicknames', () => {
    expect(issues({ cron: '*/15 * * * * *' })).toEqual([]);
    expect(issues({ cron: '@daily', timezone: 'Europe/Stockholm' })).toEqual([]);
  });

  it('explains a bad cron expression at /cron', () => {
    expect(issues({ cron: '61 * * * *' })).toEqual([
      { path: '/cron', message: 'invalid cron expression: Invalid value for minute: 61' },
    ]);
    const fields = 'cron expression needs 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first';
    expect(issues({ cron: '* * * *' })).toEqual([{ path: '/cron', message: fields }]);
    expect(issues({ cron: '0 0 0 1 1 * 2030' })).toEqual([{ path: '/cron', message: fields }]);
    expect(issues({ cron: '0 9 * * mon-xyz' })[0]?.path).toBe('/cron');
    expect(issues({ cron: '0 0 31 2 *' })).toEqual([
      { path: '/cron', message: 'cron expression never matches a date (e.g. 31 February)' },
    ]);
  });

  it('explains an unknown time zone at /timezone', () => {
    expect(issues({ cron: '0 9 * * *', timezone: 'Mars/Olympus' })).toEqual([
      { path: '/timezone', message: 'unknown time zone "Mars/Olympus"; use an IANA name such as "Europe/Stockholm"' },
    ]);
    expect(issues({ cron: '0 9 * * *', timezone: '' })[0]?.path).toBe('/timezone');
  });

  it('wants exactly one of cron and intervalSeconds', () => {
    const message = 'give exactly one of "cron" or "intervalSeconds"';
    expect(issues({})).toEqual([{ path: '/', message }]);
    expect(issues({ cron: '* * * * *', intervalSeconds: 60 })).toEqual([{ path: '/', message }]);
    expect(issues({ intervalSeconds: 0 }).map((issue) => issue.path)).toEqual(['/intervalSeconds']);
    expect(issues({ intervalSeconds: 1.5 }).map((issue) => issue.path)).toEqual(['/intervalSeconds']);
  });
});
