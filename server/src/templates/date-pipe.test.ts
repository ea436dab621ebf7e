import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

const date = (value: unknown, args = ''): unknown => renderTemplate(`{{ v | date${args} }}`, { v: value });

describe('date pipe', () => {
  it('formats ISO strings in UTC by default', () => {
    expect(date('2024-03-01T23:30:00+02:00', ': "yyyy-MM-dd HH:mm"')).toBe('2024-03-01 21:30');
    expect(date('2024-03-01T23:30:00Z')).toBe('2024-03-01T23:30:00.000Z');
  });

  it('converts to an IANA zone and reads offset-less input as wall-clock time there', () => {
    expect(date('2024-07-01T12:00:00Z', ': "yyyy-MM-dd HH:mm", "Europe/Stockholm"')).toBe('2024-07-01 14:00');
    expect(date('2024-07-01T12:00', ': "HH:mm ZZ", "Europe/Stockholm"')).toBe('12:00 +02:00');
    expect(date('2024-07-01', ': "yyyy-MM-dd HH:mm"')).toBe('2024-07-01 00:00');
  });

  it('reads epoch milliseconds and seconds, as numbers or digit strings', () => {
    expect(date(1_709_251_200_000, ': "yyyy-MM-dd"')).toBe('2024-03-01');
    expect(date(1_709_251_200, ': "yyyy-MM-dd"')).toBe('2024-03-01');
    expect(date('1709251200', ': "yyyy-MM-dd"')).toBe('2024-03-01');
  });

  it('reads RFC 2822 and HTTP dates', () => {
    expect(date('Fri, 1 Mar 2024 10:00:00 +0100', ': "HH:mm"')).toBe('09:00');
    expect(date('Fri, 01 Mar 2024 09:00:00 GMT', ': "HH:mm"')).toBe('09:00');
  });

  it('uses a fixed English locale', () => {
    expect(date('2024-03-01T00:00:00Z', ': "EEEE d MMMM"')).toBe('Friday 1 March');
  });

  it('errors on unknown zones and unreadable dates', () => {
    expect(() => date('2024-03-01', ': "yyyy", "Mars/Base"')).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'date', message: expect.stringContaining('unknown time zone "Mars/Base"') }),
    );
    expect(() => date(1_709_251_200, ': "yyyy", "Nope/Zone"')).toThrow('unknown time zone');
    expect(() => date('next tuesday')).toThrow('cannot read "next tuesday" as a date');
    expect(() => date(true)).toThrow(expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'date' }));
    expect(() => date(1e300)).toThrow('cannot read');
  });

  it('passes missing values through', () => {
    expect(date(null, ': "yyyy"')).toBeNull();
  });
});
