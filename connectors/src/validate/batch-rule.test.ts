import { describe, expect, it } from 'vitest';
import { validatePack } from './validate-pack.js';

const pack = (actions: unknown[], triggers: unknown[] = []) => ({
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com/v1',
  auth: { kind: 'bearer' },
  actions,
  triggers,
});
const records = { key: 'records', label: 'Records', type: 'json' };
const create = (extra: Record<string, unknown>) => ({ key: 'create', name: 'Create', input: [records], request: { method: 'POST', path: '/records', json: { records: '{{input.records}}' } }, ...extra });

const problems = (manifest: unknown) => {
  const result = validatePack(manifest);
  return result.ok ? [] : result.problems;
};

describe('action batches', () => {
  it('accept a json list input with a size and output path', () => {
    const result = validatePack(pack([create({ batch: { input: 'records', size: 10, output: 'records' } })]));
    expect(result.ok && result.manifest.actions[0]!.batch).toEqual({ input: 'records', size: 10, output: 'records' });
  });

  it('refuse an unknown or non-list input, a search, and a size out of range', () => {
    expect(problems(pack([create({ batch: { input: 'rows', size: 10 } })]))).toEqual([{ path: '/actions/0/batch/input', message: 'names no input field of this action ("rows")' }]);
    expect(problems(pack([create({ input: [{ key: 'records', label: 'Records' }], batch: { input: 'records', size: 10 } })]))).toEqual([
      { path: '/actions/0/batch/input', message: 'input field "records" must have type json (a list) to be sent in batches' },
    ]);
    expect(problems(pack([create({ kind: 'search', batch: { input: 'records', size: 10 } })])).map((problem) => problem.path)).toEqual(['/actions/0/batch']);
    expect(problems(pack([create({ batch: { input: 'records', size: 0 } })])).map((problem) => problem.path)).toEqual(['/actions/0/batch/size']);
  });
});

describe('body_token handshakes', () => {
  const hook = (extra: Record<string, unknown>) => ({ kind: 'webhook', key: 'events', name: 'Events', verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'X-Sig', prefix: 'sha256=' }, ...extra });

  it('let a pasted webhook verify with the token its handshake kept', () => {
    expect(problems(pack([], [hook({ handshake: { type: 'body_token', path: 'verification_token' } })]))).toEqual([]);
  });

  it('are needed before a pasted webhook may name webhook.secret', () => {
    expect(problems(pack([], [hook({})])).map((problem) => problem.path)).toEqual(['/triggers/0/verification/secret']);
  });
});
