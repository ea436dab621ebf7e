import { describe, expect, it } from 'vitest';
import { format, invalid, NOW } from './formatter-test-helpers.js';

describe('reading dates', () => {
  it.each<[unknown, string]>([
    ['2024-03-10T14:05:00Z', 'ISO with Z'],
    ['2024-03-10T16:05:00+02:00', 'ISO with an offset'],
    ['2024-03-10T14:05:00', 'ISO without an offset, read in the zone (UTC)'],
    ['Sun, 10 Mar 2024 14:05:00 +0000', 'RFC 2822'],
    ['Sun, 10 Mar 2024 14:05:00 GMT', 'HTTP date'],
    ['2024-03-10 14:05:00', 'SQL'],
    [1710079500000, 'epoch ms'],
    [1710079500, 'epoch seconds'],
    ['1710079500', 'epoch seconds as text'],
  ])('reads %j (%s)', async (value) => {
    expect(await format('date.format', value)).toBe('2024-03-10T14:05:00.000Z');
  });

  it('reads a custom layout with from_format', async () => {
    expect(await format('date.format', '10/03/2024 14:05', { from_format: 'dd/MM/yyyy HH:mm' })).toBe(
      '2024-03-10T14:05:00.000Z',
    );
  });

  it('reads dates without an offset in the given zone', async () => {
    const epoch = await format('date.to_epoch', '2024-07-01T09:00:00', { zone: 'Europe/Paris' });
    expect(epoch).toBe(Date.UTC(2024, 6, 1, 7));
  });

  it('rejects what it cannot read, naming the field', async () => {
    await expect(format('date.format', 'next tuesday')).rejects.toMatchObject(
      invalid('value "next tuesday" is not a date'),
    );
    await expect(format('date.format', '')).rejects.toMatchObject(invalid('value is empty'));
    await expect(format('date.format', '2024-02-30')).rejects.toMatchObject(invalid('is not a date'));
    await expect(format('date.format', '10/03/2024', { from_format: 'yyyy-MM-dd' })).rejects.toMatchObject(
      invalid('does not match from_format'),
    );
  });

  it('rejects an unknown time zone', async () => {
    await expect(format('date.format', NOW, { zone: 'Mars/Olympus' })).rejects.toThrow(/IANA time zone/);
  });
});

describe('date.format', () => {
  it('writes luxon tokens in the zone', async () => {
    expect(
      await format('date.format', '2024-03-10T14:05:00Z', {
        to_format: 'yyyy-MM-dd HH:mm ZZZZ',
        zone: 'America/New_York',
      }),
    ).toBe('2024-03-10 10:05 EDT');
  });

  it('writes ISO in the zone when to_format is absent', async () => {
    expect(await format('date.format', '2024-01-10T14:05:00Z', { zone: 'Asia/Kolkata' })).toBe(
      '2024-01-10T19:35:00.000+05:30',
    );
  });

  it('honours the locale for names', async () => {
    const options = { to_format: 'EEEE d MMMM', locale: 'fr' };
    expect(await format('date.format', '2024-03-10', options)).toBe('dimanche 10 mars');
  });

  it('rejects a malformed locale', async () => {
    await expect(format('date.format', NOW, { to_format: 'DDD', locale: 'not a locale!' })).rejects.toMatchObject(
      invalid('options.locale'),
    );
  });
});

describe('date.add and date.subtract', () => {
  it('adds calendar units, clamping to the month end', async () => {
    expect(await format('date.add', '2024-01-31', { duration: { months: 1 } })).toBe('2024-02-29T00:00:00.000Z');
    expect(await format('date.add', '2024-01-31T10:00:00Z', { duration: { days: 1, hours: 1.5 } })).toBe(
      '2024-02-01T11:30:00.000Z',
    );
  });

  it('keeps wall-clock time across daylight saving in the zone', async () => {
    expect(
      await format('date.add', '2024-03-30T12:00:00+01:00', { duration: { days: 1 }, zone: 'Europe/Paris' }),
    ).toBe('2024-03-31T12:00:00.000+02:00');
  });

  it('subtracts and can write with to_format', async () => {
    expect(await format('date.subtract', '2024-03-01', { duration: { weeks: 1 }, to_format: 'yyyy-MM-dd' })).toBe(
      '2024-02-23',
    );
  });

  it('rejects an empty duration and unknown units', async () => {
    await expect(format('date.add', NOW, { duration: {} })).rejects.toThrow(/duration needs a unit/);
    await expect(format('date.add', NOW, { duration: { day: 1 } })).rejects.toThrow();
    await expect(format('date.add', NOW)).rejects.toThrow();
  });

  it('rejects a result outside the supported range', async () => {
    await expect(format('date.add', NOW, { duration: { years: 1e9 } })).rejects.toMatchObject(
      invalid('supported range'),
    );
  });
});

describe('date.compare', () => {
  it('measures from value to other, positive when other is later', async () => {
    expect(await format('date.compare', '2024-01-01T00:00:00Z', { other: '2024-01-03T06:00:00Z' })).toEqual({
      difference_ms: 194_400_000,
      difference_seconds: 194_400,
      difference_minutes: 3_240,
      difference_hours: 54,
      difference_days: 2,
      is_before: true,
      is_after: false,
      is_same: false,
    });
  });

  it('truncates toward zero without negative zeros', async () => {
    expect(await format('date.compare', '2024-01-01T00:00:01Z', { other: '2024-01-01T00:00:00.500Z' })).toMatchObject({
      difference_ms: -500,
      difference_seconds: 0,
      difference_days: 0,
      is_after: true,
    });
  });

  it('counts calendar days across a daylight-saving change', async () => {
    const result = await format('date.compare', '2024-03-30T12:00:00+01:00', {
      other: '2024-03-31T12:00:00+02:00',
      zone: 'Europe/Paris',
    });
    expect(result).toMatchObject({ difference_hours: 23, difference_days: 1 });
  });

  it('sees the same instant in different notations as the same', async () => {
    const result = await format('date.compare', 1704067200, { other: '2024-01-01T01:00:00+01:00' });
    expect(result).toMatchObject({ is_same: true });
  });

  it('names options.other when it is not a date', async () => {
    await expect(format('date.compare', NOW, { other: 'soon' })).rejects.toMatchObject(invalid('options.other "soon"'));
  });
});

describe('date.now', () => {
  it('uses the step clock and ignores the value', async () => {
    expect(await format('date.now', 'ignored')).toBe('2024-01-15T12:30:00.000Z');
    expect(await format('date.now', undefined, { zone: 'Asia/Tokyo', to_format: 'HH:mm' })).toBe('21:30');
  });
});

describe('date.to_epoch', () => {
  it('gives milliseconds by default, or whole seconds', async () => {
    expect(await format('date.to_epoch', '2024-01-15T12:30:00.999Z')).toBe(NOW + 999);
    expect(await format('date.to_epoch', '2024-01-15T12:30:00.999Z', { unit: 's' })).toBe(NOW / 1000);
    expect(await format('date.to_epoch', '1969-12-31T23:59:59.500Z', { unit: 's' })).toBe(-1);
  });
});

describe('date.start_of and date.end_of', () => {
  it.each<[string, string, string]>([
    ['year', '2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
    ['quarter', '2024-04-01T00:00:00.000Z', '2024-06-30T23:59:59.999Z'],
    ['month', '2024-05-01T00:00:00.000Z', '2024-05-31T23:59:59.999Z'],
    ['week', '2024-05-13T00:00:00.000Z', '2024-05-19T23:59:59.999Z'],
    ['day', '2024-05-15T00:00:00.000Z', '2024-05-15T23:59:59.999Z'],
    ['hour', '2024-05-15T10:00:00.000Z', '2024-05-15T10:59:59.999Z'],
  ])('%s', async (unit, start, end) => {
    expect(await format('date.start_of', '2024-05-15T10:20:30Z', { unit })).toBe(start);
    expect(await format('date.end_of', '2024-05-15T10:20:30Z', { unit })).toBe(end);
  });

  it('finds the day boundary in the zone', async () => {
    expect(await format('date.start_of', '2024-05-15T23:30:00Z', { unit: 'day', zone: 'Asia/Tokyo' })).toBe(
      '2024-05-16T00:00:00.000+09:00',
    );
  });

  it('rejects an unknown unit', async () => {
    await expect(format('date.start_of', NOW, { unit: 'fortnight' })).rejects.toThrow();
  });
});
