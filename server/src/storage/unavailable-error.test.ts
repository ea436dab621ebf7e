import { describe, expect, it } from 'vitest';
import { isUnavailable } from './unavailable-error.js';

const withCode = (code: unknown) => Object.assign(new Error('storage failed'), { code });

describe('isUnavailable', () => {
  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', '53100', '53300', '57P01', '08006', 'ECONNREFUSED'])(
    '%s is a moment to wait out (503)',
    (code) => expect(isUnavailable(withCode(code))).toBe(true),
  );

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_READONLY', 'SQLITE_FULLX', '23505', 42, undefined])('%s is not', (code) => {
    expect(isUnavailable(withCode(code))).toBe(false);
  });

  it('is false for things that are not errors', () => {
    expect(isUnavailable(null)).toBe(false);
    expect(isUnavailable('SQLITE_BUSY')).toBe(false);
  });
});
