import { describe, expect, it } from 'vitest';
import { signInErrorOf } from './sign-in-error';

describe('signInErrorOf', () => {
  it('explains a refused address plainly', () => {
    expect(signInErrorOf('?signInError=NOT_INVITED')?.title).toBe('This address is not invited');
    expect(signInErrorOf('?page=2&signInError=STATE_INVALID')?.message).toContain('Start again');
  });

  it('shows nothing without a code and only a fixed text for an unknown one (a crafted link cannot choose the words)', () => {
    expect(signInErrorOf('?page=2')).toBeNull();
    expect(signInErrorOf('?signInError=Call%20555-0100')).toEqual({ title: 'Sign-in failed', message: 'Try again, or sign in with your password.' });
  });
});
