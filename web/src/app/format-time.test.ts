import { describe, expect, it } from 'vitest';
import { duration, timeAgo } from './format-time';

const now = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('timeAgo', () => {
  it('reads like speech for the last week', () => {
    expect(timeAgo(now - 20_000, now)).toBe('just now');
    expect(timeAgo(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(timeAgo(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(timeAgo(now - 86_400_000, now)).toBe('yesterday');
  });

  it('gives a date for anything older', () => {
    expect(timeAgo(now - 30 * 86_400_000, now)).toBe('Dec 16, 2025');
  });
});

describe('duration', () => {
  it('picks a unit that fits', () => {
    expect(duration(340)).toBe('340 ms');
    expect(duration(2500)).toBe('2.5 s');
    expect(duration(42_000)).toBe('42 s');
    expect(duration(200_000)).toBe('3 min 20 s');
    expect(duration(120_000)).toBe('2 min');
  });
});
