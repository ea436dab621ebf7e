import { packManifestSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { createConnectionThrottle } from './connection-throttle.js';
import type { VendorError } from './vendor-error.js';

const pack = packManifestSchema.parse({
  id: 'acme', name: 'Acme', version: '1.0.0', engine: '^1.0.0', baseUrl: 'https://acme.example', auth: { kind: 'bearer' },
  throttle: { requests: 2, perSeconds: 1 },
});
const connection = (id: string) => ({ id, packId: 'acme', fields: {} });

describe.each(dialects)('connection throttle on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);

  /** Counts instead of timing: the clock is fake and sleeps are recorded, not slept. */
  function throttleAt(clock: { now: number }, slept: number[], db = database) {
    return createConnectionThrottle({ database: db, now: () => clock.now, maxWaitMs: 2000, sleep: async (ms) => void slept.push(ms) });
  }
  async function outcome(promise: Promise<void>): Promise<'sent' | VendorError> {
    return promise.then(() => 'sent' as const, (error: VendorError) => error);
  }

  it('spaces requests evenly, so no window of perSeconds holds more than the limit, and parks the rest', async () => {
    const clock = { now: 1_000_000 };
    const slept: number[] = [];
    const throttle = throttleAt(clock, slept);
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await outcome(throttle.wait(pack, connection('con_a'))));
    expect(results.filter((r) => r === 'sent')).toHaveLength(5);
    expect(slept).toEqual([500, 1000, 1500, 2000]);
    const parked = results.filter((r): r is VendorError => r !== 'sent');
    expect(parked.map((e) => [e.code, e.retryable])).toEqual([['THROTTLED', true], ['THROTTLED', true], ['THROTTLED', true]]);
    expect(parked[0]!.retryAfterMs).toBe(2500);
    // Another connection of the same pack has its own budget.
    expect(await outcome(throttle.wait(pack, connection('con_b')))).toBe('sent');
    clock.now += 2500;
    slept.length = 0;
    expect(await outcome(throttle.wait(pack, connection('con_a')))).toBe('sent');
    expect(slept).toEqual([]);
  });

  it('never hands the same slot to concurrent callers of two processes', async () => {
    const clock = { now: 5_000_000 };
    const slept: number[] = [];
    const one = throttleAt(clock, slept);
    const two = throttleAt(clock, slept, openAnother());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome((i % 2 ? one : two).wait(pack, connection('con_race')))));
    expect(results.filter((r) => r === 'sent')).toHaveLength(5);
    expect(slept.sort((a, b) => a - b)).toEqual([500, 1000, 1500, 2000]);
  });

  it('shares one budget for a pack without connections and ignores packs without a throttle', async () => {
    const clock = { now: 9_000_000 };
    const slept: number[] = [];
    const throttle = throttleAt(clock, slept);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await outcome(throttle.wait({ ...pack, auth: { kind: 'none' } }, undefined)));
    expect(results.filter((r) => r === 'sent')).toHaveLength(5);
    for (let i = 0; i < 20; i++) await throttle.wait({ ...pack, throttle: undefined }, connection('con_free'));
    expect(slept).toEqual([500, 1000, 1500, 2000]);
  });
});
