import { describe, expect, it } from 'vitest';
import { planPoll } from './poll-plan.js';

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
});
