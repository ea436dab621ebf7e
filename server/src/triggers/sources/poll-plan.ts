import { readBodyPath } from '../../connections/read-body-path.js';
import type { PackTriggerState } from '../pack-trigger-state.js';

type CursorValue = string | number;
type CursorState = NonNullable<PackTriggerState['cursor']>;

export interface PollPlan {
  /** Every id in the answer, to record as seen. */
  keys: string[];
  /** Items to fire, oldest first. */
  fresh: { key: string; item: unknown }[];
  cursor: CursorState | undefined;
  /** Items without a usable id (not a string or number); they can never be deduplicated, so never fire. */
  withoutId: number;
}

// Ids that share the newest cursor value; a vendor that stamps thousands of items with one second is rare.
const maxIdsAtCursor = 1000;

export interface PollKeySpec {
  id: string;
  /** For "updated" triggers: the item's key also holds this value, so each new revision fires once. */
  revision?: string | undefined;
}

export interface PollCursorSpec {
  field: string;
  initial?: 'empty' | 'now' | undefined;
  format?: 'iso' | 'epoch_ms' | undefined;
  lagSeconds?: number | undefined;
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Numbers by value; ISO times by instant (a time we made, `…00.000Z`, against a vendor's `…00.000+0000`);
 * other strings by code unit.
 */
function compare(a: CursorValue, b: CursorValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  if (isoTime.test(x) && isoTime.test(y)) {
    const byInstant = Date.parse(x) - Date.parse(y);
    if (Number.isFinite(byInstant)) return byInstant;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

function keyPart(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * An item's id as the key it is recorded under (with `@<revision>` when the trigger names one); undefined
 * unless the id is a non-empty string or a finite number.
 */
export function pollItemKey(item: unknown, spec: PollKeySpec): string | undefined {
  const id = keyPart(readBodyPath(item, spec.id));
  if (id === undefined || spec.revision === undefined) return id;
  const revision = keyPart(readBodyPath(item, spec.revision));
  return revision === undefined ? id : `${id}@${revision}`;
}

/**
 * The cursor a poll starts from: the stored one, else with `initial: 'now'` the time of this poll (no ids
 * at it). planPoll keeps it when the poll sees nothing newer, so a seeding poll that sees no item still
 * stores its time and the next poll asks for what was made since.
 */
export function startingCursor(cursor: PollCursorSpec | undefined, state: PackTriggerState, now: number): CursorState | undefined {
  if (state.cursor || cursor?.initial !== 'now') return state.cursor;
  return { value: cursor.format === 'epoch_ms' ? now : new Date(now).toISOString(), ids: [] };
}

function cursorValueOf(value: unknown): CursorValue | undefined {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
}

/**
 * `{{poll.cursor}}`: the cursor value, moved `lagSeconds` back when it is a time (an ISO string, or a
 * number with `format: epoch_ms`) so items a lagging search index shows late are still listed.
 */
export function requestCursorValue(cursor: PollCursorSpec | undefined, value: CursorValue | undefined): CursorValue | '' {
  if (value === undefined) return '';
  const lag = (cursor?.lagSeconds ?? 0) * 1000;
  if (lag === 0) return value;
  if (typeof value === 'number') return cursor?.format === 'epoch_ms' ? value - lag : value;
  const at = isoTime.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(at) ? new Date(at - lag).toISOString() : value;
}

/**
 * Decides what one poll fires. An item fires when its id was never seen (`seen`, the trigger's recorded
 * ids) and it is not one of the ids already seen at the stored cursor value. Order: by the cursor field,
 * ties by the vendor's order; without a cursor, the vendor's list is taken as newest first (Zapier's
 * contract) and reversed, so runs start oldest first, unless `order` says the vendor lists oldest first.
 */
export function planPoll(
  items: readonly unknown[],
  spec: PollKeySpec & { cursor?: { field: string } | undefined; order?: 'newest_first' | 'oldest_first' | undefined },
  state: PackTriggerState,
  seen: ReadonlySet<string>,
): PollPlan {
  let withoutId = 0;
  const entries: { key: string; item: unknown; value: CursorValue | undefined; index: number }[] = [];
  items.forEach((item, index) => {
    const key = pollItemKey(item, spec);
    if (key === undefined) {
      withoutId += 1;
      return;
    }
    const value = spec.cursor ? cursorValueOf(readBodyPath(item, spec.cursor.field)) : undefined;
    entries.push({ key, item, value, index });
  });
  entries.sort((a, b) => {
    if (a.value !== undefined && b.value !== undefined) {
      const byValue = compare(a.value, b.value);
      if (byValue !== 0) return byValue;
    }
    return spec.order === 'oldest_first' ? a.index - b.index : b.index - a.index;
  });

  const old = state.cursor;
  const atOldCursor = new Set(old?.ids ?? []);
  const fired = new Set<string>();
  const fresh: PollPlan['fresh'] = [];
  for (const entry of entries) {
    if (seen.has(entry.key) || fired.has(entry.key)) continue;
    if (old && entry.value !== undefined && compare(entry.value, old.value) === 0 && atOldCursor.has(entry.key)) continue;
    fired.add(entry.key);
    fresh.push({ key: entry.key, item: entry.item });
  }
  return { keys: [...new Set(entries.map((entry) => entry.key))], fresh, cursor: nextCursor(old, entries), withoutId };
}

function nextCursor(old: CursorState | undefined, entries: { key: string; value: CursorValue | undefined }[]): CursorState | undefined {
  let newest = old?.value;
  for (const entry of entries) {
    if (entry.value !== undefined && (newest === undefined || compare(entry.value, newest) > 0)) newest = entry.value;
  }
  if (newest === undefined) return undefined;
  const ids = new Set(old && compare(old.value, newest) === 0 ? old.ids : []);
  for (const entry of entries) if (entry.value !== undefined && compare(entry.value, newest) === 0) ids.add(entry.key);
  return { value: newest, ids: [...ids].slice(-maxIdsAtCursor) };
}
