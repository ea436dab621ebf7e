import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

describe('backoffDelay', () => {
  it('draws from zero up to base·2^attempt', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(0);
    expect(backoffDelay(0, { random: () => 0.999999 })).toBe(999);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(4000);
    expect(backoffDelay(2, { baseMs: 100, random: () => 0.5 })).toBe(200);
  });

  it('never exceeds the cap, even for huge attempts', () => {
    expect(backoffDelay(20, { random: () => 0.999999 })).toBeLessThan(300_000);
    expect(backoffDelay(5000, { capMs: 10_000, random: () => 0.5 })).toBe(5000);
  });

  it('stays within bounds with real randomness', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const delay = backoffDelay(attempt, { baseMs: 10, capMs: 5000 });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(5000, 10 * 2 ** attempt));
    }
  });
});
