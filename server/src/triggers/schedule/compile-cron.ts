import { Cron } from 'croner';

/**
 * A croner instance used only to compute times: built without a callback it never starts a timer. Five
 * fields are minute-level; six put seconds first. Croner's nicknames (`@daily`, …) are accepted too.
 */
export function compileCron(pattern: string, timezone: string): Cron {
  return new Cron(pattern, { timezone, mode: '5-or-6-parts' });
}

const FIELD_COUNT = /^\s*(\S+\s+){4,5}\S+\s*$/;

/** Why `pattern` is not a usable schedule, in words for the recipe editor, or null when it is. */
export function cronProblem(pattern: string): string | null {
  if (!pattern.trim().startsWith('@') && !FIELD_COUNT.test(pattern)) {
    return 'cron expression needs 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first';
  }
  let cron: Cron;
  try {
    cron = compileCron(pattern, 'UTC');
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return `invalid cron expression: ${detail}`;
  }
  // Five or six fields have no year, so a pattern that never matches from 1970 on never matches at all.
  return cron.nextRun(new Date(0)) === null ? 'cron expression never matches a date (e.g. 31 February)' : null;
}
