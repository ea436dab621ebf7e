import { describe, expect, it } from 'vitest';
import { returnPathWithError, safeReturnPath } from './safe-return-path.js';

describe('safeReturnPath', () => {
  it('keeps a path of this server with its query and fragment', () => {
    expect(safeReturnPath('/recipes/rcp_1?tab=runs#top')).toBe('/recipes/rcp_1?tab=runs#top');
    expect(safeReturnPath('/runs')).toBe('/runs');
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a tab browsers drop', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'recipes'],
    ['the API', '/api/v1/auth/logout'],
    ['nothing', undefined],
    ['an overlong path', `/${'a'.repeat(2001)}`],
  ])('turns %s into /', (_what, value) => {
    expect(safeReturnPath(value)).toBe('/');
  });

  it('drops an earlier sign-in error and adds a new one', () => {
    expect(safeReturnPath('/runs?signInError=NOT_INVITED&page=2')).toBe('/runs?page=2');
    expect(returnPathWithError('/runs?page=2', 'STATE_INVALID')).toBe('/runs?page=2&signInError=STATE_INVALID');
    expect(returnPathWithError('//evil.example', 'NOT_INVITED')).toBe('/?signInError=NOT_INVITED');
  });
});
