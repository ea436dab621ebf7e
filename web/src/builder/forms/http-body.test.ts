import { describe, expect, it } from 'vitest';
import { httpBodyKindOf, switchHttpBody } from './http-body';

describe('core/http body', () => {
  const base = { method: 'POST', url: 'https://api.example.com' };

  it('reads which of json, form and raw body the input holds', () => {
    expect(httpBodyKindOf(base)).toBeUndefined();
    expect(httpBodyKindOf({ ...base, json: { a: 1 } })).toBe('json');
    expect(httpBodyKindOf({ ...base, form: {} })).toBe('form');
    expect(httpBodyKindOf({ ...base, body: '' })).toBe('body');
  });

  it('switching keeps one body key at most (the step refuses two) and leaves the rest of the input alone', () => {
    const withJson = { ...base, json: { a: 1 } };
    expect(switchHttpBody(withJson, 'form')).toEqual({ ...base, form: {} });
    expect(switchHttpBody(withJson, 'body')).toEqual({ ...base, body: '' });
    expect(switchHttpBody({ ...base, body: 'x' }, 'json')).toEqual(base);
    expect(switchHttpBody({ ...base, form: { a: 'b' } }, 'none')).toEqual(base);
  });
});
