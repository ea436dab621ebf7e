import { describe, expect, it } from 'vitest';
import { validatePack } from '../validate/validate-pack.js';

const pack = (errors: unknown) => ({
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com',
  auth: { kind: 'none' },
  errors,
});

describe('error mapping in a manifest', () => {
  it('takes byCode sentences and a failWhen rule for failures inside 2xx answers', () => {
    const result = validatePack(pack({ code: 'error', failWhen: { path: 'ok', equals: false }, byCode: { missing_scope: 'needs {{body.needed}} (HTTP {{status}})' } }));
    expect(result.ok).toBe(true);
  });

  it('takes a list of failWhen rules, present: true for "any value there", and retryCodes', () => {
    const failWhen = [{ path: 'errors[0]', present: true }, { path: 'data.x.userErrors[0]', present: true }, { path: 'ok', equals: false }];
    expect(validatePack(pack({ code: 'errors[0].extensions.code', failWhen, retryCodes: ['THROTTLED'] })).ok).toBe(true);
    for (const wrong of [[], { path: 'ok', equals: false, present: true }, { path: 'ok', present: false }]) {
      expect(validatePack(pack({ failWhen: wrong })).ok).toBe(false);
    }
  });

  it('checks byCode templates like byStatus ones: they see only status and body', () => {
    const result = validatePack(pack({ byCode: { not_found: 'no {{input.id}}' } }));
    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual(['/errors/byCode/not_found']);
  });

  it('refuses a failWhen without a path or with an object to compare', () => {
    for (const failWhen of [{ path: '', equals: false }, { path: 'ok' }, { path: 'ok', equals: { a: 1 } }]) {
      const result = validatePack(pack({ failWhen }));
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.problems.every((problem) => problem.path.startsWith('/errors/failWhen'))).toBe(true);
    }
  });
});
