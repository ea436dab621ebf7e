import { describe, expect, it } from 'vitest';
import { fitIdempotencyKey } from './fit-idempotency-key.js';

describe('fitIdempotencyKey', () => {
  const runKey = 'run_0193a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9-Xy3_kLm9PqRs0TuV';

  it('sends a key that fits, or any key when the vendor names no cap, unchanged', () => {
    expect(fitIdempotencyKey('run_1-abc', 50)).toBe('run_1-abc');
    expect(fitIdempotencyKey(runKey, undefined)).toBe(runKey);
  });

  it('shortens a longer key to the cap, the same way every time, differently for another key', () => {
    const fitted = fitIdempotencyKey(runKey, 50);
    expect(runKey.length).toBeGreaterThan(50);
    expect(fitted).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fitIdempotencyKey(runKey, 50)).toBe(fitted);
    expect(fitIdempotencyKey(`${runKey}x`, 50)).not.toBe(fitted);
    expect(fitIdempotencyKey(runKey, 24)).toHaveLength(24);
  });
});
