/**
 * Wall-clock arithmetic in an IANA zone with nothing but Intl, so expectations about schedules are
 * computed independently of the server's croner/luxon code.
 */

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(zone: string, instant: number): LocalParts {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's UTC offset at `instant`, in ms (positive east of Greenwich). */
export function offsetMs(zone: string, instant: number): number {
  const p = localParts(zone, instant);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clocks show the given local time (for times that exist once). */
export function zonedToUtc(zone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMs(zone, wall);
  return wall - offsetMs(zone, first);
}

/** The first instant strictly after `after` at which the zone's clocks show hour:minute. */
export function nextDailyAt(zone: string, hour: number, minute: number, after: number): number {
  const today = localParts(zone, after);
  for (let plus = 0; plus < 3; plus++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + plus));
    const candidate = zonedToUtc(zone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute);
    if (candidate > after) return candidate;
  }
  throw new Error('no daily time within three days');
}
