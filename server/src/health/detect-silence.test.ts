import { describe, expect, it } from 'vitest';
import { dayMs } from '../storage/health-repo.js';
import { detectSilence } from './detect-silence.js';

const hour = 3_600_000;
const now = Date.UTC(2026, 10, 27, 12);

describe('detectSilence', () => {
  it('flags a busy trigger that stopped, and not one still inside its usual gap', () => {
    // 48 a day: one every 30 minutes, so four usual gaps are two hours.
    const busy = { dailyEvents: Array(14).fill(48), activeSince: now - 30 * dayMs, now };
    const quiet = detectSilence({ ...busy, lastEventAt: now - 3 * hour });
    expect(quiet).toMatchObject({ judged: true, silent: true, usualPerDay: 48, thresholdMs: 2 * hour });
    expect(detectSilence({ ...busy, lastEventAt: now - 90 * 60_000 })).toMatchObject({ judged: true, silent: false });
  });

  it('waits at least an hour however busy the trigger is', () => {
    const verdict = detectSilence({ dailyEvents: Array(14).fill(10_000), lastEventAt: now - 50 * 60_000, activeSince: 0, now });
    expect(verdict).toMatchObject({ judged: true, silent: false, thresholdMs: hour });
  });

  it('does not flag weekend quiet when the baseline has empty weekends', () => {
    const weekdaysOnly = [20, 20, 20, 20, 20, 0, 0, 20, 20, 20, 20, 20, 0, 0];
    expect(detectSilence({ dailyEvents: weekdaysOnly, lastEventAt: now - 2.5 * dayMs, activeSince: 0, now })).toMatchObject({ silent: false, thresholdMs: 3 * dayMs });
    expect(detectSilence({ dailyEvents: weekdaysOnly, lastEventAt: now - 3.5 * dayMs, activeSince: 0, now })).toMatchObject({ silent: true });
  });

  it('counts from going live when nothing ever arrived', () => {
    expect(detectSilence({ dailyEvents: [30, 30, 30], lastEventAt: null, activeSince: now - 10 * hour, now })).toMatchObject({ silent: true });
  });

  it('does not judge a new or sparse trigger', () => {
    expect(detectSilence({ dailyEvents: [100, 100], lastEventAt: now - 5 * dayMs, activeSince: 0, now })).toMatchObject({ judged: false });
    expect(detectSilence({ dailyEvents: Array(14).fill(1), lastEventAt: now - 10 * dayMs, activeSince: 0, now })).toEqual({ judged: false, reason: 'only 14 events in the last 14 days' });
  });
});
