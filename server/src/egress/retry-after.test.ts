import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const now = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an IMF-fixdate', () => {
    expect(parseRetryAfter('Wed, 15 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime forms', () => {
    expect(parseRetryAfter('Wednesday, 15-Jan-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed Jan 15 12:00:05 2025', now)).toBe(5_000);
    expect(parseRetryAfter('Sat Feb  1 12:00:00 2025', now)).toBe(17 * 24 * 3600 * 1000);
  });

  it.each([undefined, '', '-5', '1.5', '10s', 'soon', 'Wed, 15 Jan 2025 11:59:00 GMT', 'Wed, 31 Feb 2025 12:00:00 GMT', '2025-01-15T12:00:30Z'])(
    'returns null for %j',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeNull();
    },
  );
});
