import { DateTime } from 'luxon';
import type { PipeDefinition } from './pipe-definition.js';
import { previewValue } from './to-text.js';

// Below this an epoch number is read as seconds: 1e11 s is the year 5138, 1e11 ms is 1973.
const SECONDS_THRESHOLD = 1e11;
const EPOCH_STRING = /^-?\d+(\.\d+)?$/;

interface Options {
  zone: string;
  locale: string;
}

function fromEpoch(epoch: number, options: Options): DateTime {
  const millis = Math.abs(epoch) < SECONDS_THRESHOLD ? epoch * 1000 : epoch;
  return DateTime.fromMillis(millis, options);
}

function toDateTime(value: unknown, options: Options): DateTime {
  if (typeof value === 'number' && Number.isFinite(value)) return fromEpoch(value, options);
  if (value instanceof Date) return DateTime.fromJSDate(value, options);
  if (typeof value === 'string') {
    const text = value.trim();
    if (EPOCH_STRING.test(text)) return fromEpoch(Number(text), options);
    const iso = DateTime.fromISO(text, options);
    if (iso.isValid || iso.invalidReason === 'unsupported zone') return iso;
    const rfc = DateTime.fromRFC2822(text, options);
    return rfc.isValid ? rfc : DateTime.fromHTTP(text, options);
  }
  throw new Error(`cannot read ${previewValue(value)} as a date`);
}

/**
 * `date: "format", "Zone/Name"` formats with luxon tokens (ISO 8601 without a format). Output is in
 * the given IANA zone, UTC by default; offset-less ISO input is read as wall-clock time in that zone.
 * The locale is fixed so output never depends on the server's settings.
 */
export const datePipe: PipeDefinition = {
  args: ['string', 'string'],
  required: 0,
  apply: (value, [format, zone = 'UTC']) => {
    const options = { zone: zone as string, locale: 'en-US' };
    const date = toDateTime(value, options);
    if (!date.isValid) {
      if (date.invalidReason === 'unsupported zone') throw new Error(`unknown time zone ${previewValue(zone)}`);
      throw new Error(`cannot read ${previewValue(value)} as a date`);
    }
    return format === undefined ? date.toISO() : date.toFormat(format as string);
  },
};
