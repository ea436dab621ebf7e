import { describe, expect, it } from 'vitest';
import { validatePack } from '../validate/validate-pack.js';

const packWith = (trigger: Record<string, unknown>) => ({
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com/v1',
  auth: { kind: 'none' },
  triggers: [{ kind: 'poll', key: 'p', name: 'P', items: 'results', ...trigger }],
});

const problemsOf = (trigger: Record<string, unknown>) => {
  const result = validatePack(packWith(trigger));
  return result.ok ? [] : result.problems;
};

describe('poll cursor', () => {
  it('accepts a cursor the request places itself, with initial, format and lagSeconds defaulted', () => {
    const result = validatePack(
      packWith({ request: { method: 'POST', path: '/search', json: { filters: [{ value: '{{poll.cursor}}' }] } }, cursor: { field: 'updatedAt', initial: 'now' } }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const trigger = result.manifest.triggers[0];
    expect(trigger?.kind === 'poll' && trigger.cursor).toEqual({ field: 'updatedAt', initial: 'now', format: 'iso', lagSeconds: 0 });
  });

  it('refuses a cursor without param that the request never places', () => {
    expect(problemsOf({ request: { path: '/items' }, cursor: { field: 'updatedAt' } })).toEqual([
      { path: '/triggers/0/cursor', message: 'a cursor without param must be placed in the request as {{poll.cursor}} (or set param to send it as a query parameter)' },
    ]);
  });

  it('lets only a poll request with a cursor name {{poll.cursor}}, and nothing else under poll', () => {
    expect(problemsOf({ request: { path: '/items', query: { since: '{{poll.cursor}}' } } })[0]?.message).toMatch(/cannot be used in a poll trigger's request/);
    expect(problemsOf({ request: { path: '/items', query: { since: '{{poll.cursr}}' } }, cursor: { field: 'at', param: 'p' } })).toEqual([
      { path: '/triggers/0/request/query/since', message: '{{poll.cursr}} is not provided: a poll request sees only poll.cursor (known: cursor)' },
    ]);
  });

  it('refuses an unknown initial or format with the choices', () => {
    const problems = problemsOf({ request: { path: '/items' }, cursor: { field: 'at', param: 'since', initial: 'later', format: 'unix' } });
    expect(problems.map((problem) => problem.path).sort()).toEqual(['/triggers/0/cursor/format', '/triggers/0/cursor/initial']);
  });
});
