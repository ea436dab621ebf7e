import { describe, expect, it } from 'vitest';
import { validatePack } from './validate-pack.js';

const base = () => ({
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com/v1',
  auth: { kind: 'api_key', in: 'header', name: 'X-Key' } as Record<string, unknown>,
  actions: [] as unknown[],
  triggers: [] as unknown[],
});

const action = (extra: Record<string, unknown> = {}) => ({ key: 'do-it', name: 'Do it', request: { method: 'POST', path: '/things' }, ...extra });

function problemsOf(manifest: unknown) {
  const result = validatePack(manifest);
  if (result.ok) throw new Error('expected the manifest to be refused');
  return result.problems;
}

function pointersOf(manifest: unknown): string[] {
  return problemsOf(manifest).map((problem) => problem.path);
}

describe('validatePack rules', () => {
  it('accepts a minimal manifest', () => {
    expect(validatePack(base()).ok).toBe(true);
  });

  it('refuses a second action, trigger or field with the same key', () => {
    const pack = base();
    pack.actions = [action(), action({ input: [{ key: 'a', label: 'A' }, { key: 'a', label: 'Again' }] })];
    pack.triggers = [
      { kind: 'webhook', key: 'hook', name: 'Hook' },
      { kind: 'webhook', key: 'hook', name: 'Hook again' },
    ];
    pack.auth = { ...pack.auth, fields: [{ key: 'api_key', label: 'Key' }, { key: 'api_key', label: 'Key' }] };
    const problems = problemsOf(pack);
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      ['/actions/1/input/1/key', '/actions/1/key', '/auth/fields/1/key', '/triggers/1/key'].sort(),
    );
    expect(problems.find((problem) => problem.path === '/actions/1/key')?.message).toBe('action key "do-it" is already used at /actions/0');
  });

  it('refuses {{input.x}} naming no input of the action', () => {
    const pack = base();
    pack.actions = [action({ input: [{ key: 'email', label: 'Email' }], request: { method: 'POST', path: '/x', json: { nested: ['{{ input.emial | upper }}'] } } })];
    const [problem] = problemsOf(pack);
    expect(problem).toEqual({ path: '/actions/0/request/json/nested/0', message: '{{input.emial}} names no input field (known: email)' });
  });

  it('refuses {{connection.x}} naming no connection field, but knows implied and captured fields', () => {
    const pack = base();
    pack.actions = [action({ request: { path: '/x', headers: { 'X-Other': '{{connection.api_key}}', 'X-Bad': '{{connection.secret}}' } } })];
    expect(pointersOf(pack)).toEqual(['/actions/0/request/headers/X-Bad']);

    const oauth = base();
    oauth.auth = { kind: 'oauth2', tokenUrl: 'https://example.com/token', capture: { fromToken: { instance_url: 'instance_url' }, fromCallback: { realm: 'realmId' } } };
    oauth.baseUrl = '{{connection.instance_url}}/api';
    oauth.actions = [action({ request: { path: '/r/{{connection.realm}}', query: { c: '{{connection.client_id}}', d: '{{connection.nope}}' } } })];
    expect(pointersOf(oauth)).toEqual(['/actions/0/request/query/d']);
  });

  it('checks connection field defaults that name other fields, and pattern regexes', () => {
    const pack = base();
    const shop = { key: 'shop', label: 'Shop', pattern: { regex: '[a-z0-9-]+', message: 'e.g. my-store' } };
    pack.auth = { kind: 'api_key', in: 'header', name: 'X-Key', fields: [shop, { key: 'url', label: 'URL', default: 'https://{{connection.shop}}.example.com' }] };
    expect(validatePack(pack).ok).toBe(true);
    pack.auth = { ...pack.auth, fields: [{ ...shop, pattern: { regex: '[a-z', message: 'x' } }, { key: 'url', label: 'URL', default: 'https://{{connection.shp}}.example.com' }] };
    expect(pointersOf(pack)).toEqual(['/auth/fields/0/pattern/regex', '/auth/fields/1/default']);
  });

  it('refuses dynamic choices on connection fields', () => {
    const pack = base();
    pack.auth = { ...pack.auth, fields: [{ key: 'api_key', label: 'Key', secret: true }, { key: 'region', label: 'Region', type: 'select', dynamicChoices: { request: { path: '/regions' }, items: 'data', label: '{{item.name}}', value: '{{item.id}}' } }] };
    const problems = problemsOf(pack);
    expect(problems.map((problem) => problem.path)).toEqual(['/auth/fields/1/dynamicChoices']);
    expect(problems[0]?.message).toContain('list them in "choices"');
  });

  it('refuses dependsOn naming a missing field, and inputs a dynamic choices request does not depend on', () => {
    const pack = base();
    const choices = (dependsOn: string[], path: string) => ({ request: { path }, items: 'data', label: '{{item.name}}', value: '{{item.id}}', dependsOn });
    pack.actions = [
      action({
        input: [
          { key: 'list', label: 'List', type: 'select', dynamicChoices: choices(['lsit'], '/lists') },
          { key: 'item', label: 'Item', type: 'select', dynamicChoices: choices([], '/lists/{{input.list}}/items') },
        ],
      }),
    ];
    const problems = problemsOf(pack);
    expect(problems.map((problem) => problem.path)).toEqual(['/actions/0/input/0/dynamicChoices/dependsOn/0', '/actions/0/input/1/dynamicChoices/request/path']);
    expect(problems[1]?.message).toContain('list it in dependsOn');
  });

  it.each([
    ['an action request seeing a delivery body', { actions: [action({ request: { path: '/{{body.id}}' } })] }, '/actions/0/request/path'],
    ['a choice label seeing input', { actions: [action({ input: [{ key: 'a', label: 'A', dynamicChoices: { request: { path: '/l' }, items: '', label: '{{input.a}}', value: '{{item.id}}' } }] })] }, '/actions/0/input/0/dynamicChoices/label'],
    ['a webhook dedupe seeing subscription', { triggers: [{ kind: 'webhook', key: 'h', name: 'H', dedupe: '{{subscription.id}}' }] }, '/triggers/0/dedupe'],
    ['a subscribe request seeing subscription', { triggers: [subscription({ subscribe: { method: 'POST', path: '/hooks/{{subscription.id}}' } })] }, '/triggers/0/subscribe/path'],
    ['an error message seeing input', { errors: { byStatus: { '404': 'no {{input.id}}' } } }, '/errors/byStatus/404'],
    ['baseUrl seeing input', { baseUrl: 'https://{{input.host}}/api' }, '/baseUrl'],
  ])('refuses a template root not available in %s', (_name, patch, pointer) => {
    const problems = problemsOf({ ...base(), ...patch });
    expect(problems.map((problem) => problem.path)).toEqual([pointer]);
    expect(problems[0]?.message).toMatch(/cannot be used in .*, which sees only/);
  });

  it('lets unsubscribe and renew see the subscription id and captured values, and delivery templates the delivery', () => {
    const trigger = subscription({
      capture: { signing_secret: 'secret' },
      verification: { scheme: 'hmac', header: 'X-Sig', secret: '{{subscription.signing_secret}}' },
      unsubscribe: { method: 'DELETE', path: '/hooks/{{subscription.id}}' },
      renew: { request: { method: 'POST', path: '/hooks/{{subscription.id}}/renew' }, everySeconds: 3600 },
      dedupe: '{{headers.x-delivery}}-{{event.id}}',
      filter: { value: '{{body.type}}', oneOf: ['a', 'b'] },
    });
    expect(validatePack({ ...base(), triggers: [trigger] }).ok).toBe(true);
    const wrong = { ...trigger, unsubscribe: { method: 'DELETE', path: '/hooks/{{subscription.hook_id}}' } };
    expect(pointersOf({ ...base(), triggers: [wrong] })).toEqual(['/triggers/0/unsubscribe/path']);
  });

  it('takes eventHeaders on webhook and subscription triggers, refusing credential headers with their pointer', () => {
    const hook = { kind: 'webhook', key: 'hook', name: 'Hook', eventHeaders: ['X-GitHub-Event', 'x-github-delivery'] };
    expect(validatePack({ ...base(), triggers: [hook, subscription({ eventHeaders: ['x-event-key'] })] }).ok).toBe(true);
    expect(problemsOf({ ...base(), triggers: [{ ...hook, eventHeaders: ['x-ok', 'Authorization'] }] })).toEqual([
      { path: '/triggers/0/eventHeaders/1', message: 'carries credentials; a run never sees it' },
    ]);
    expect(pointersOf({ ...base(), triggers: [{ ...hook, eventHeaders: ['not a header'] }] })).toEqual(['/triggers/0/eventHeaders/0']);
  });

  it('reports an unclosed {{ with its pointer', () => {
    expect(problemsOf({ ...base(), actions: [action({ request: { path: '/x/{{input.id' } })] })).toEqual([
      { path: '/actions/0/request/path', message: 'this template has an unclosed "{{" at position 3' },
    ]);
  });

  it.each([
    ['auth kind', { auth: { kind: 'apikey' } }, '/auth/kind', 'auth kind "apikey" is not known; use one of: none, api_key, basic, bearer, custom, oauth2'],
    ['trigger kind', { triggers: [{ kind: 'hook', key: 'h', name: 'H' }] }, '/triggers/0/kind', 'trigger kind "hook" is not known; use one of: webhook, subscription, poll'],
    [
      'verification scheme',
      { triggers: [{ kind: 'webhook', key: 'h', name: 'H', verification: { scheme: 'hmac-sha256', secret: 'x' } }] },
      '/triggers/0/verification/scheme',
      'verification scheme "hmac-sha256" is not known; use one of: stripe, github, slack, shopify, standard-webhooks, hubspot-v3, intercom, sentry, twilio, sendgrid, crisp, hmac, shared-secret, jwt',
    ],
    [
      'pagination type',
      { actions: [action({ kind: 'search', pagination: { type: 'pages', items: 'data' } })] },
      '/actions/0/pagination/type',
      'pagination type "pages" is not known; use one of: cursor, link_header, next_url, offset',
    ],
  ])('names the allowed values for an unknown %s', (_name, patch, pointer, message) => {
    expect(problemsOf({ ...base(), ...patch })).toEqual([{ path: pointer, message }]);
  });

  it('says when a discriminator is missing', () => {
    expect(problemsOf({ ...base(), auth: {} })).toEqual([{ path: '/auth/kind', message: 'auth kind is missing; use one of: none, api_key, basic, bearer, custom, oauth2' }]);
  });

  it('refuses an engine that is not a range or does not include this pack format', () => {
    expect(problemsOf({ ...base(), engine: 'one' })).toEqual([{ path: '/engine', message: '"engine" must be a semver range such as ^1.0.0' }]);
    expect(pointersOf({ ...base(), engine: '^2.0.0' })).toEqual(['/engine']);
    expect(validatePack({ ...base(), engine: '>=1.0.0 <3' }).ok).toBe(true);
  });

  it('refuses a baseUrl that is not an absolute http(s) URL once templates are set aside', () => {
    expect(pointersOf({ ...base(), baseUrl: 'api.example.com/v1' })).toEqual(['/baseUrl']);
    expect(pointersOf({ ...base(), baseUrl: 'ftp://api.example.com' })).toEqual(['/baseUrl']);
    const fields = [{ key: 'api_key', label: 'Key' }, { key: 'subdomain', label: 'Subdomain' }, { key: 'base_url', label: 'URL' }];
    const auth = { kind: 'api_key', in: 'header', name: 'X-Key', fields };
    expect(validatePack({ ...base(), auth, baseUrl: 'https://{{connection.subdomain}}.example.com/api' }).ok).toBe(true);
    expect(validatePack({ ...base(), auth, baseUrl: '{{connection.base_url}}' }).ok).toBe(true);
  });

  it('refuses pagination on an action that is not a search', () => {
    const pagination = { type: 'cursor', items: 'data', cursor: 'next', param: 'cursor' };
    expect(problemsOf({ ...base(), actions: [action({ pagination })] })).toEqual([
      { path: '/actions/0/pagination', message: 'pagination is only for actions with kind: search; set kind to search or remove pagination' },
    ]);
    expect(validatePack({ ...base(), actions: [action({ kind: 'search', pagination })] }).ok).toBe(true);
  });

  it('refuses captured values on auth other than oauth2', () => {
    expect(problemsOf({ ...base(), auth: { kind: 'bearer', capture: { fromToken: { a: 'a' } } } })).toEqual([
      { path: '/auth/capture', message: 'captured values (capture.fromToken, capture.fromCallback) are only for oauth2 auth' },
    ]);
  });

  it('reports every problem of a manifest at once, schema and rules together', () => {
    const pack = {
      ...base(),
      version: 'one',
      engine: '^9',
      baseUrl: 'example.com',
      auth: { kind: 'api_key', in: 'body', name: 'X-Key' },
      actions: [
        action({ request: { path: '/{{input.id}}' }, pagination: { type: 'cursor', items: 'd', cursor: 'c', param: 'p' } }),
        action({ name: '', colour: 'red' }),
      ],
      triggers: [{ kind: 'poll', key: 'p', name: 'P', request: { path: '/' }, items: 'data', intervalSeconds: 5 }],
    };
    expect(pointersOf(pack).sort()).toEqual(
      [
        '/version',
        '/engine',
        '/baseUrl',
        '/auth/in',
        '/actions/0/request/path',
        '/actions/0/pagination',
        '/actions/1/name',
        '/actions/1/colour',
        '/actions/1/key',
        '/triggers/0/intervalSeconds',
      ].sort(),
    );
  });

  it('says which record key is wrong', () => {
    expect(problemsOf({ ...base(), headers: { 'Bad Header': 'x' } })).toEqual([{ path: '/headers/Bad Header', message: 'the key "Bad Header" must be an HTTP header name' }]);
  });

  it('refuses input that is not an object without throwing', () => {
    expect(problemsOf('id: x')).toEqual([{ path: '', message: 'the manifest must be an object, not a string' }]);
    expect(problemsOf(null)[0]?.path).toBe('');
  });
});

describe('validatePack normalisation', () => {
  it('adds the implied secret fields of api_key, basic and bearer auth', () => {
    const fieldsOf = (auth: Record<string, unknown>) => {
      const result = validatePack({ ...base(), auth });
      if (!result.ok || result.manifest.auth.kind === 'none') throw new Error(JSON.stringify(result));
      return result.manifest.auth.fields.map((field) => [field.key, field.secret, field.required]);
    };
    expect(fieldsOf({ kind: 'api_key', in: 'query', name: 'key' })).toEqual([['api_key', true, true]]);
    expect(fieldsOf({ kind: 'basic' })).toEqual([['username', false, true], ['password', true, true]]);
    expect(fieldsOf({ kind: 'bearer' })).toEqual([['token', true, true]]);
    expect(fieldsOf({ kind: 'bearer', token: '{{connection.pat}}', fields: [{ key: 'pat', label: 'PAT', secret: true }] })).toEqual([['pat', true, false]]);
    expect(fieldsOf({ kind: 'oauth2', tokenUrl: 'https://example.com/token' })).toEqual([['client_id', false, true], ['client_secret', true, true]]);
  });

  it('defaults sideEffect from the method', () => {
    const result = validatePack({ ...base(), actions: [action({ key: 'a' }), action({ key: 'b', request: { path: '/' } }), action({ key: 'c', sideEffect: false })] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.manifest.actions.map((item) => item.sideEffect)).toEqual([true, false, false]);
  });
});

function subscription(extra: Record<string, unknown>) {
  return {
    kind: 'subscription',
    key: 'sub',
    name: 'Sub',
    subscribe: { method: 'POST', path: '/hooks', json: { url: '{{webhook.url}}', secret: '{{webhook.secret}}' } },
    unsubscribe: { method: 'DELETE', path: '/hooks/{{subscription.id}}' },
    ...extra,
  };
}
