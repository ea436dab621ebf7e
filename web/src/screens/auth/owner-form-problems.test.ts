import { describe, expect, it } from 'vitest';
import { ownerFormProblems } from './owner-form-problems';

describe('ownerFormProblems', () => {
  it('accepts an address and a long enough password typed twice', () => {
    expect(ownerFormProblems({ email: ' me@example.com ', password: 'abcdefghij', repeat: 'abcdefghij' })).toEqual({});
  });

  it('names each field that is wrong', () => {
    expect(ownerFormProblems({ email: 'me', password: 'short', repeat: 'short' })).toEqual({
      email: 'Enter an e-mail address, like you@example.com',
      password: 'Use at least 10 characters',
    });
  });

  it('catches a repeat that differs', () => {
    expect(ownerFormProblems({ email: 'me@example.com', password: 'abcdefghij', repeat: 'abcdefghiJ' })).toEqual({ repeat: 'The two passwords differ' });
  });
});
