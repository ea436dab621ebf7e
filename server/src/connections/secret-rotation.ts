import { isDeepStrictEqual } from 'node:util';

/**
 * How long a replaced secret value still verifies incoming webhooks. A vendor's dashboard and our
 * connection are not changed in the same instant, and deliveries already signed with the old secret are
 * retried for hours; a day covers both.
 */
export const SECRET_ROTATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Replaced values kept per field, newest first; older ones go even inside the window. */
export const MAX_PREVIOUS_VALUES = 3;

/** A replaced secret value and when it stops being accepted. */
export interface PreviousSecret {
  value: unknown;
  until: number;
}

export type PreviousSecrets = Record<string, PreviousSecret[]>;

/** The entries still inside their window (and at most the newest few per field); undefined when none are. */
export function unexpired(previous: PreviousSecrets | undefined, now: number): PreviousSecrets | undefined {
  const kept = Object.entries(previous ?? {})
    .map(([key, entries]) => [key, entries.filter((entry) => entry.until > now).slice(0, MAX_PREVIOUS_VALUES)] as const)
    .filter(([, entries]) => entries.length > 0);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * The previous values after an edit from `before` to `after`: each changed value is remembered for
 * `SECRET_ROTATION_WINDOW_MS`, in front of what was already remembered. A value equal to the field's new
 * value is not kept twice (rotating back and forth).
 */
export function rotateSecrets(
  before: { values: Record<string, unknown>; previous?: PreviousSecrets | undefined },
  after: Record<string, unknown>,
  now: number,
): PreviousSecrets | undefined {
  const previous: PreviousSecrets = { ...unexpired(before.previous, now) };
  for (const [key, old] of Object.entries(before.values)) {
    if (old === undefined || isDeepStrictEqual(old, after[key])) continue;
    previous[key] = [{ value: old, until: now + SECRET_ROTATION_WINDOW_MS }, ...(previous[key] ?? [])];
  }
  for (const key of Object.keys(previous)) {
    previous[key] = previous[key]!.filter((entry) => !isDeepStrictEqual(entry.value, after[key]));
  }
  return unexpired(previous, now);
}

/** Previous values by field, for `ResolvedConnection.previousFields`; undefined when nothing was rotated lately. */
export function previousFieldValues(previous: PreviousSecrets | undefined, now: number): Record<string, unknown[]> | undefined {
  const live = unexpired(previous, now);
  return live && Object.fromEntries(Object.entries(live).map(([key, entries]) => [key, entries.map((entry) => entry.value)]));
}
