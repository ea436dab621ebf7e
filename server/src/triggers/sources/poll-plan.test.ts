import { describe, expect, it } from 'vitest';
import { planPoll, pollItemKey, requestCursorValue, startingCursor } from './poll-plan.js';

const byId = { id: 'id' };
const byTime = { id: 'id', cursor: { field: 'at' } };

describe('planPoll', () => {
  it('fires unseen ids oldest first, taking the vendor list as newest first', () => {
    const plan = planPoll([{ id: 3 }, { id: 2 }, { id: 1 }], byId, {}, new Set(['1']));
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['2', '3']);
    expect(plan.keys.sort()).toEqual(['1', '2', '3']);
    expect(plan.cursor).toBeUndefined();
  });

  it('keeps the vendor order when it lists oldest first (spreadsheet rows)', () => {
    const plan = planPoll([{ id: 1 }, { id: 2 }, { id: 3 }], { id: 'id', order: 'oldest_first' }, {}, new Set(['1']));
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['2', '3']);
  });

  it('orders by the cursor field and keeps the newest value with every id seen at it', () => {
    const items = [{ id: 'b', at: '2024-01-02' }, { id: 'a', at: '2024-01-01' }, { id: 'c', at: '2024-01-02' }];
    const plan = planPoll(items, byTime, {}, new Set());
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['a', 'c', 'b']);
    expect(plan.cursor).toEqual({ value: '2024-01-02', ids: ['c', 'b'] });
  });

  it('breaks timestamp ties by id: a new id at the cursor value fires, a seen one does not', () => {
    const state = { seeded: true, cursor: { value: 100, ids: ['x'] } };
    const plan = planPoll([{ id: 'y', at: 100 }, { id: 'x', at: 100 }], byTime, state, new Set());
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['y']);
    expect(plan.cursor).toEqual({ value: 100, ids: ['x', 'y'] });
  });

  it('moves the cursor forward and forgets the ids of the older value', () => {
    const state = { seeded: true, cursor: { value: 100, ids: ['x'] } };
    const plan = planPoll([{ id: 'z', at: 200 }], byTime, state, new Set());
    expect(plan.cursor).toEqual({ value: 200, ids: ['z'] });
  });

  it('counts items without a usable id and fires each id once even when listed twice', () => {
    const plan = planPoll([{ id: 1 }, { name: 'no id' }, { id: { nested: true } }, { id: 1 }], byId, {}, new Set());
    expect(plan.withoutId).toBe(2);
    expect(plan.fresh).toHaveLength(1);
  });

  it('reads nested id paths', () => {
    const plan = planPoll([{ data: { key: 'k1' } }], { id: 'data.key' }, {}, new Set());
    expect(plan.fresh[0]?.key).toBe('k1');
  });

  it('keys an item by id and revision when the trigger names one, so each new revision fires once', () => {
    const updated = { id: 'id', revision: 'updatedAt', cursor: { field: 'updatedAt' } };
    expect(pollItemKey({ id: 7, updatedAt: 'T2' }, updated)).toBe('7@T2');
    expect(pollItemKey({ id: 7 }, updated)).toBe('7');
    const plan = planPoll([{ id: 7, updatedAt: '2024-01-02T00:00:00Z' }], updated, { seeded: true }, new Set(['7@2024-01-01T00:00:00Z']));
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['7@2024-01-02T00:00:00Z']);
  });

  it('compares ISO times by instant, whatever offset notation the vendor writes', () => {
    const state = { seeded: true, cursor: { value: '2024-01-01T10:00:00.000Z', ids: [] } };
    const items = [{ id: 'late', at: '2024-01-01T10:00:01.000+0000' }, { id: 'same', at: '2024-01-01T11:00:00+01:00' }];
    const plan = planPoll(items, byTime, state, new Set());
    expect(plan.cursor).toEqual({ value: '2024-01-01T10:00:01.000+0000', ids: ['late'] });
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['same', 'late']);
  });
});

describe('startingCursor', () => {
  const at = Date.UTC(2024, 0, 1, 12, 0, 0);

  it('is the stored cursor when there is one, whatever initial says', () => {
    const stored = { value: '2023-12-31T00:00:00.000Z', ids: ['a'] };
    expect(startingCursor({ field: 'at', initial: 'now' }, { cursor: stored }, at)).toBe(stored);
  });

  it('is empty before anything is stored unless initial is now', () => {
    expect(startingCursor({ field: 'at' }, {}, at)).toBeUndefined();
    expect(startingCursor({ field: 'at', initial: 'empty' }, {}, at)).toBeUndefined();
    expect(startingCursor(undefined, {}, at)).toBeUndefined();
  });

  it('with initial now is the time of this poll in the declared format, with no ids at it', () => {
    expect(startingCursor({ field: 'at', initial: 'now' }, {}, at)).toEqual({ value: '2024-01-01T12:00:00.000Z', ids: [] });
    expect(startingCursor({ field: 'at', initial: 'now', format: 'epoch_ms' }, {}, at)).toEqual({ value: at, ids: [] });
  });

  it('is kept by planPoll when a poll sees nothing newer, and replaced by a newer item', () => {
    const made = startingCursor({ field: 'at', initial: 'now' }, {}, at);
    expect(planPoll([], byTime, { cursor: made }, new Set()).cursor).toEqual(made);
    const older = planPoll([{ id: 'old', at: '2023-06-01T00:00:00.000Z' }], byTime, { cursor: made }, new Set());
    expect(older.cursor).toEqual(made);
    const newer = planPoll([{ id: 'n', at: '2024-01-01T12:00:05.000Z' }], byTime, { cursor: made }, new Set());
    expect(newer.cursor).toEqual({ value: '2024-01-01T12:00:05.000Z', ids: ['n'] });
  });

  it('lets an unseen item stamped exactly at the made time fire (no ids are at it)', () => {
    const made = startingCursor({ field: 'at', initial: 'now' }, {}, at);
    const plan = planPoll([{ id: 'x', at: '2024-01-01T12:00:00.000Z' }], byTime, { seeded: true, cursor: made }, new Set());
    expect(plan.fresh.map((entry) => entry.key)).toEqual(['x']);
    expect(plan.cursor).toEqual({ value: '2024-01-01T12:00:00.000Z', ids: ['x'] });
  });
});

describe('requestCursorValue', () => {
  it('moves a time back by lagSeconds and leaves anything else as it is', () => {
    expect(requestCursorValue({ field: 'at', lagSeconds: 60 }, '2024-01-01T12:00:00.000Z')).toBe('2024-01-01T11:59:00.000Z');
    expect(requestCursorValue({ field: 'at', lagSeconds: 60 }, '2024-01-01T13:00:00+01:00')).toBe('2024-01-01T11:59:00.000Z');
    expect(requestCursorValue({ field: 'at', lagSeconds: 60, format: 'epoch_ms' }, 1_704_110_400_000)).toBe(1_704_110_340_000);
    expect(requestCursorValue({ field: 'at', lagSeconds: 60 }, 17)).toBe(17);
    expect(requestCursorValue({ field: 'at', lagSeconds: 60 }, 'page-7')).toBe('page-7');
    expect(requestCursorValue({ field: 'at' }, '2024-01-01T12:00:00.000Z')).toBe('2024-01-01T12:00:00.000Z');
    expect(requestCursorValue({ field: 'at', lagSeconds: 60 }, undefined)).toBe('');
  });
});
