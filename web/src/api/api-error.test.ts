import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, sentence } from './api-error';

describe('errorMessage', () => {
  it('turns the server message into a sentence', () => {
    expect(errorMessage(new ApiError(409, 'SETUP_DONE', 'setup is already done; sign in instead'))).toBe('Setup is already done; sign in instead.');
    expect(sentence('Done!')).toBe('Done!');
    expect(sentence('')).toBe('');
  });

  it('finds the problem at a JSON pointer', () => {
    const error = new ApiError(422, 'INVALID', 'invalid', [{ path: '/steps/0/use', message: 'unknown step' }]);
    expect(error.problemAt('/steps/0/use')).toBe('unknown step');
    expect(error.problemAt('/name')).toBeUndefined();
  });
});
