import { describe, expect, it } from 'vitest';
import { chartSummary, dayBars, type DayCount } from './day-bars';

const size = { height: 20, barWidth: 6, gap: 2 };
const day = (date: string, events: number, failures = 0): DayCount => ({ date, events, failures });

describe('the 14-day chart', () => {
  it('scales bars to the busiest day and stacks failures on top of the rest', () => {
    const bars = dayBars([day('2026-11-01', 10, 5), day('2026-11-02', 20), day('2026-11-03', 0)], size, 'calls');
    expect(bars.map((bar) => bar.x)).toEqual([0, 8, 16]);
    expect(bars[0]).toMatchObject({ okHeight: 5, failureHeight: 5, label: '2026-11-01: 10 calls, 5 failed' });
    expect(bars[1]).toMatchObject({ okHeight: 20, failureHeight: 0, label: '2026-11-02: 20 calls' });
    expect(bars[2]).toMatchObject({ okHeight: 0, failureHeight: 0 });
  });

  it('keeps a single event visible beside a busy day', () => {
    const [quiet] = dayBars([day('2026-11-01', 1, 1), day('2026-11-02', 1000)], size, 'events');
    expect(quiet!.failureHeight).toBe(1);
    expect(quiet!.okHeight).toBe(0);
  });

  it('draws failed runs that outnumber deliveries (replays) as all-failed, within the chart', () => {
    const [bar] = dayBars([day('2026-11-01', 1, 3)], size, 'events');
    expect(bar).toMatchObject({ okHeight: 0, failureHeight: 20 });
  });

  it('draws nothing for a series of zeros', () => {
    expect(dayBars([day('2026-11-01', 0), day('2026-11-02', 0)], size, 'calls').every((bar) => bar.okHeight === 0 && bar.failureHeight === 0)).toBe(true);
  });

  it('sums the series in words, today last', () => {
    expect(chartSummary([day('2026-11-01', 30, 2), day('2026-11-02', 12, 1)], 'calls')).toBe('42 calls in 2 days, 3 failed; 12 today');
    expect(chartSummary([day('2026-11-01', 0)], 'events')).toBe('0 events in 1 day; 0 today');
  });
});
