import { DateTime, Info } from 'luxon';
import { z } from 'zod';
import { asNumber, asText, isBlank } from './filter-coercion.js';
import { describeValue, formatterOperation, invalidInput, type FormatterOperation } from './formatter-operation.js';

// Below this an epoch number is read as seconds: 1e11 s is the year 5138, 1e11 ms is 1973.
const EPOCH_SECONDS_BELOW = 1e11;

const zone = z
  .string()
  .min(1)
  .refine((name) => Info.normalizeZone(name).isValid, 'zone must be an IANA time zone such as "Europe/Paris", or "UTC"')
  .default('UTC');

/** `zone` is where dates without an offset are read and where results are shown. */
const reading = { zone, from_format: z.string().min(1).optional() };
const writing = { to_format: z.string().min(1).optional() };

const unit = z.enum(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second']);
const amount = z.number().refine(Number.isFinite, 'must be a finite number').optional();
const duration = z
  .strictObject({
    years: amount,
    quarters: amount,
    months: amount,
    weeks: amount,
    days: amount,
    hours: amount,
    minutes: amount,
    seconds: amount,
    milliseconds: amount,
  })
  .refine((units) => Object.values(units).some((n) => n !== undefined), 'duration needs a unit, e.g. { "days": 1 }');

const parsers = [
  (text: string, zone: string) => DateTime.fromISO(text, { zone }),
  (text: string, zone: string) => DateTime.fromRFC2822(text, { zone }),
  (text: string, zone: string) => DateTime.fromHTTP(text, { zone }),
  (text: string, zone: string) => DateTime.fromSQL(text, { zone }),
];

/** Reads ISO 8601, RFC 2822, HTTP and SQL dates, epoch seconds or ms (numbers or numeric text), or from_format. */
function parseDate(value: unknown, field: string, zone: string, fromFormat: string | undefined): DateTime<true> {
  if (isBlank(value)) throw invalidInput(`${field} is empty; expected a date`);
  const text = asText(value).trim();
  if (fromFormat !== undefined) {
    const parsed = DateTime.fromFormat(text, fromFormat, { zone });
    if (parsed.isValid) return parsed;
    throw invalidInput(`${field} ${describeValue(value)} does not match from_format ${describeValue(fromFormat)}`);
  }
  const epoch = asNumber(value);
  const candidates =
    epoch === undefined
      ? parsers.map((parse) => parse(text, zone))
      : [DateTime.fromMillis(Math.abs(epoch) < EPOCH_SECONDS_BELOW ? epoch * 1000 : epoch, { zone })];
  const parsed = candidates.find((candidate) => candidate.isValid);
  if (parsed?.isValid) return parsed;
  throw invalidInput(
    `${field} ${describeValue(value)} is not a date: use ISO 8601, RFC 2822, epoch seconds or ms, or set from_format`,
  );
}

function render(date: DateTime<true> | DateTime<false>, toFormat: string | undefined, locale = 'en-US'): string {
  if (!date.isValid) throw invalidInput('the resulting date is outside the supported range');
  if (toFormat === undefined) return date.toISO();
  try {
    return date.toFormat(toFormat, { locale });
  } catch {
    throw invalidInput(`options.locale ${describeValue(locale)} is not a valid locale`);
  }
}

// Math.trunc(-0.5) is -0; report it as 0.
const whole = (value: number) => Math.trunc(value) || 0;

export const dateOperations: FormatterOperation[] = [
  formatterOperation(
    'date.format',
    'Shows a date with luxon tokens (e.g. "yyyy-MM-dd HH:mm"), or as ISO 8601 when to_format is empty.',
    z.object({ ...reading, ...writing, locale: z.string().min(1).default('en-US') }).prefault({}),
    (value, options) =>
      render(parseDate(value, 'value', options.zone, options.from_format), options.to_format, options.locale),
  ),
  formatterOperation(
    'date.add',
    'Adds a duration such as { "days": 3, "hours": 2 }.',
    z.object({ ...reading, ...writing, duration }),
    (value, options) =>
      render(parseDate(value, 'value', options.zone, options.from_format).plus(options.duration), options.to_format),
  ),
  formatterOperation(
    'date.subtract',
    'Subtracts a duration such as { "months": 1 }.',
    z.object({ ...reading, ...writing, duration }),
    (value, options) =>
      render(parseDate(value, 'value', options.zone, options.from_format).minus(options.duration), options.to_format),
  ),
  formatterOperation(
    'date.compare',
    'Compares with another date: how long from value to other (positive when other is later).',
    z.object({ ...reading, other: z.unknown() }),
    (value, options) => {
      const start = parseDate(value, 'value', options.zone, options.from_format);
      const end = parseDate(options.other, 'options.other', options.zone, options.from_format);
      const ms = end.toMillis() - start.toMillis();
      return {
        difference_ms: ms,
        difference_seconds: whole(ms / 1_000),
        difference_minutes: whole(ms / 60_000),
        difference_hours: whole(ms / 3_600_000),
        // Calendar days in the zone, so a day that loses an hour to daylight saving still counts as one.
        difference_days: whole(end.diff(start, 'days').days),
        is_before: ms > 0,
        is_after: ms < 0,
        is_same: ms === 0,
      };
    },
  ),
  formatterOperation(
    'date.now',
    'The current time (the value is ignored).',
    z.object({ zone, ...writing }).prefault({}),
    (_value, options, ctx) => render(DateTime.fromMillis(ctx.now(), { zone: options.zone }), options.to_format),
  ),
  formatterOperation(
    'date.to_epoch',
    'Converts to a Unix timestamp in milliseconds or whole seconds.',
    z.object({ ...reading, unit: z.enum(['ms', 's']).default('ms') }).prefault({}),
    (value, options) => {
      const ms = parseDate(value, 'value', options.zone, options.from_format).toMillis();
      return options.unit === 'ms' ? ms : Math.floor(ms / 1_000);
    },
  ),
  formatterOperation(
    'date.start_of',
    'Moves back to the start of its year, quarter, month, week (Monday), day, hour, minute or second.',
    z.object({ ...reading, ...writing, unit }),
    (value, options) =>
      render(parseDate(value, 'value', options.zone, options.from_format).startOf(options.unit), options.to_format),
  ),
  formatterOperation(
    'date.end_of',
    'Moves forward to the last millisecond of its year, quarter, month, week, day, hour, minute or second.',
    z.object({ ...reading, ...writing, unit }),
    (value, options) =>
      render(parseDate(value, 'value', options.zone, options.from_format).endOf(options.unit), options.to_format),
  ),
];
