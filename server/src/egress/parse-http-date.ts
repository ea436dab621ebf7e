const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = `(${months.join('|')})`;
const time = '(\\d{2}):(\\d{2}):(\\d{2})';

// The three formats RFC 9110 §5.6.7 obliges recipients to accept; all are UTC.
const imfFixdate = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${month} (\\d{4}) ${time} GMT$`);
const rfc850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${month}-(\\d{2}) ${time} GMT$`);
const asctime = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${month} ([ \\d]\\d) ${time} (\\d{4})$`);

/** RFC 9110: a two-digit year more than 50 years ahead means the most recent past year with those digits. */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const year = Math.floor(current / 100) * 100 + twoDigits;
  return year > current + 50 ? year - 100 : year;
}

function utc(year: number, monthName: string, day: number, hours: number, minutes: number, seconds: number): number | null {
  const monthIndex = months.indexOf(monthName);
  const ms = Date.UTC(year, monthIndex, day, hours, minutes, seconds);
  const date = new Date(ms);
  // Date.UTC rolls 31 Feb over into March; a date that does not round-trip is not a date.
  const valid =
    date.getUTCDate() === day && date.getUTCMonth() === monthIndex && hours < 24 && minutes < 60 && seconds < 61;
  return valid ? ms : null;
}

/** Epoch ms of an HTTP-date in any of its three formats, or null when `value` is not one. */
export function parseHttpDate(value: string, now: number): number | null {
  let match = imfFixdate.exec(value);
  if (match) {
    const [, day, monthName = '', year, h, m, s] = match;
    return utc(Number(year), monthName, Number(day), Number(h), Number(m), Number(s));
  }
  match = rfc850.exec(value);
  if (match) {
    const [, day, monthName = '', year, h, m, s] = match;
    return utc(fullYear(Number(year), now), monthName, Number(day), Number(h), Number(m), Number(s));
  }
  match = asctime.exec(value);
  if (match) {
    const [, monthName = '', day, h, m, s, year] = match;
    return utc(Number(year), monthName, Number(day), Number(h), Number(m), Number(s));
  }
  return null;
}
