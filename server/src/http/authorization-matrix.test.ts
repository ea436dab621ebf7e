import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, type Role } from '../security/roles.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

type Access = 'public' | Role;

/**
 * Who may call each route of the server, API or not. The test fails when the server has a route that is
 * missing here (decide who may call it, then add it) or this lists a route the server no longer has.
 */
const access: Record<string, Access> = {
  // Probes and metrics are for load balancers and Prometheus.
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  // The unguessable token in the path (plus signatures, where configured) is the credential.
  'POST /hooks/{token}': 'public',
  'ALL /hooks/{token}': 'public',
  // A builder's test URL: the same credential (token, signatures), and it never starts a run.
  'POST /hooks/test/{token}': 'public',
  'ALL /hooks/test/{token}': 'public',
  'GET /approvals/{token}': 'public',
  'POST /approvals/{token}': 'public',

  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/auth/status': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'viewer',
  'GET /api/v1/auth/me': 'viewer',
  // Provider sign-in: the login page's buttons, then browser redirects; the single-use state bound to the browser's cookie is the credential.
  'GET /api/v1/auth/sign-in/providers': 'public',
  'GET /api/v1/auth/sign-in/{provider}/start': 'public',
  'GET /api/v1/auth/sign-in/{provider}/callback': 'public',
  'GET /api/v1/sign-in/providers': 'owner',
  'PUT /api/v1/sign-in/providers/{id}': 'owner',
  'DELETE /api/v1/sign-in/providers/{id}': 'owner',
  'GET /api/v1/invitations': 'owner',
  'POST /api/v1/invitations': 'owner',
  'DELETE /api/v1/invitations/{id}': 'owner',

  'GET /api/v1/recipes': 'viewer',
  'POST /api/v1/recipes': 'editor',
  'POST /api/v1/recipes/import': 'editor',
  'GET /api/v1/recipes/{id}': 'viewer',
  'PATCH /api/v1/recipes/{id}': 'editor',
  'DELETE /api/v1/recipes/{id}': 'editor',
  'GET /api/v1/recipes/{id}/export': 'viewer',
  'GET /api/v1/recipes/{id}/versions': 'viewer',
  'POST /api/v1/recipes/{id}/versions/{versionId}/restore': 'editor',
  'POST /api/v1/recipes/{id}/publish': 'editor',
  'POST /api/v1/recipes/{id}/unpublish': 'editor',
  'POST /api/v1/recipes/{id}/pause': 'editor',
  'POST /api/v1/recipes/{id}/run': 'editor',
  'POST /api/v1/recipes/{id}/invoke': 'editor',
  // Outgoing REST hooks: another tool (Zapier with an editor's token) subscribes; viewers may read what was sent.
  'POST /api/v1/hooks/subscriptions': 'editor',
  'GET /api/v1/hooks/subscriptions': 'viewer',
  'DELETE /api/v1/hooks/subscriptions': 'editor',
  'DELETE /api/v1/hooks/subscriptions/{id}': 'editor',
  'GET /api/v1/hooks/subscriptions/{id}/deliveries': 'viewer',
  'POST /api/v1/recipes/{id}/test-trigger': 'editor',
  'GET /api/v1/recipes/{id}/test-trigger': 'editor',
  'GET /api/v1/recipes/{id}/trigger-samples': 'viewer',
  // Runs the step for real (it may change things outside Switchyard), as a run would.
  'POST /api/v1/recipes/{id}/steps/{stepId}/test': 'editor',

  'GET /api/v1/runs': 'viewer',
  'GET /api/v1/runs/{id}': 'viewer',
  'POST /api/v1/runs/{id}/replay': 'editor',
  'POST /api/v1/runs/{id}/cancel': 'editor',

  'GET /api/v1/triggers/{id}/state': 'viewer',
  'DELETE /api/v1/triggers/{id}/state': 'editor',

  'GET /api/v1/users': 'owner',
  'POST /api/v1/users': 'owner',
  // Every user may make API tokens for themselves (a token has its owner's role, no more).
  'POST /api/v1/tokens': 'viewer',

  'GET /api/v1/system/storage': 'viewer',
  'POST /api/v1/system/storage/sweep': 'owner',
  'GET /api/v1/audit': 'owner',

  'GET /api/v1/integrations/health': 'viewer',
  'POST /api/v1/integrations/health/check': 'owner',
  'GET /api/v1/integrations/alert-settings': 'owner',
  'PUT /api/v1/integrations/alert-settings': 'owner',

  'GET /api/v1/connections': 'viewer',
  'POST /api/v1/connections': 'editor',
  'GET /api/v1/connections/{id}': 'viewer',
  'PATCH /api/v1/connections/{id}': 'editor',
  'DELETE /api/v1/connections/{id}': 'editor',
  'POST /api/v1/connections/{id}/test': 'editor',
  'POST /api/v1/connections/{id}/oauth/start': 'editor',
  // The browser returns from the OAuth provider here; the single-use state is the credential.
  'GET /api/v1/connections/oauth/callback': 'public',

  'POST /api/v1/packs/{packId}/{owner}/{key}/fields/{field}/choices': 'editor',
  'POST /api/v1/packs/{packId}/actions/{key}/fields': 'editor',

  'GET /api/v1/packs': 'viewer',
  'GET /api/v1/packs/{id}': 'viewer',
  'GET /api/v1/packs/{id}/changes': 'viewer',
  'GET /api/v1/packs/{id}/manifest': 'viewer',
  // Checking or generating a manifest installs nothing.
  'POST /api/v1/packs/validate': 'editor',
  'POST /api/v1/packs/from-openapi': 'editor',
  // A pack decides where connection credentials are sent, so only owners install or remove one.
  'POST /api/v1/packs': 'owner',
  'DELETE /api/v1/packs/{id}': 'owner',
  'DELETE /api/v1/packs/{id}/versions/{version}': 'owner',
  'POST /api/v1/recipes/{id}/upgrade-pack': 'editor',
};

/** Bodies that pass validation, so allowed callers reach the handler's real work. */
let userCount = 0;
const bodies: Record<string, () => unknown> = {
  'POST /api/v1/setup': () => ({ email: 'late@example.com', password: 'long enough password' }),
  'POST /api/v1/auth/login': () => ({}),
  'POST /api/v1/recipes': () => ({ name: 'Matrix', trigger: { use: 'core/manual' }, steps: [] }),
  'POST /api/v1/recipes/import': () => ({ name: 'Matrix import', trigger: { use: 'core/manual' }, steps: [] }),
  'PATCH /api/v1/recipes/{id}': () => ({ name: 'Renamed' }),
  'POST /api/v1/recipes/{id}/run': () => ({ version: 'latest' }),
  'POST /api/v1/recipes/{id}/invoke': () => ({ input: {} }),
  'POST /api/v1/hooks/subscriptions': () => ({ target_url: 'http://127.0.0.1:9/matrix', event: 'run.finished' }),
  'POST /api/v1/recipes/{id}/steps/{stepId}/test': () => ({}),
  'POST /api/v1/runs/{id}/replay': () => ({}),
  'POST /api/v1/users': () => ({ email: `matrix-${++userCount}@example.com`, password: 'long enough password', role: 'viewer' }),
  'POST /api/v1/tokens': () => ({ name: 'matrix' }),
  'PUT /api/v1/sign-in/providers/{id}': () => ({ kind: 'github', clientId: 'matrix', clientSecret: 'matrix secret' }),
  'POST /api/v1/invitations': () => ({ email: `invited-${++userCount}@example.com` }),
  'POST /hooks/{token}': () => ({}),
  'POST /api/v1/connections': () => ({ packId: 'not-installed', name: 'Matrix' }),
  'PATCH /api/v1/connections/{id}': () => ({ name: 'Renamed' }),
  'POST /api/v1/packs/{packId}/{owner}/{key}/fields/{field}/choices': () => ({}),
  'POST /api/v1/packs/{packId}/actions/{key}/fields': () => ({}),
  'POST /api/v1/packs': () => ({ manifest: {} }),
  'POST /api/v1/packs/validate': () => ({ manifest: {} }),
  'POST /api/v1/packs/from-openapi': () => ({ spec: {} }),
  'POST /api/v1/recipes/{id}/upgrade-pack': () => ({ pack: 'not-installed', toMajor: 1 }),
};

const callers = ['anonymous', 'viewer', 'editor', 'owner'] as const;
type Caller = (typeof callers)[number];

/** 401 and 403 are exact; an allowed call may answer anything else except a server error. */
function verdict(status: number): number | 'allowed' {
  return status === 401 || status === 403 || status >= 500 ? status : 'allowed';
}

function expectedVerdict(rule: Access, caller: Caller): number | 'allowed' {
  if (rule === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  return roleAllows(caller, rule) ? 'allowed' : 403;
}

describe('authorization matrix', () => {
  let system: TestSystem;
  let tokens: Record<Caller, string | null>;
  let runId: string;
  let triggerId: string;

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    tokens = { anonymous: null, viewer: await system.addUser('viewer'), editor: await system.addUser('editor'), owner: system.ownerToken };
    const { recipeId } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [] }, 'Fixture');
    triggerId = (await system.api('GET', `/recipes/${recipeId}`)).body.trigger.id;
    runId = (await system.api('POST', `/recipes/${recipeId}/run`, { input: {} })).body.runId;
  });
  afterAll(() => system?.close());

  /** A concrete path for a route: recipes are made fresh per call, so deleting one does not spoil the next call. */
  const pathFor = async (route: string): Promise<string> => {
    let path = route.slice(route.indexOf(' ') + 1);
    if (path.includes('{token}')) path = path.replace('{token}', 'x'.repeat(24));
    if (path.startsWith('/api/v1/recipes/{id}')) path = path.replace('{id}', await system.createRecipe({ trigger: { use: 'core/webhook' }, steps: [] }));
    if (path.includes('{provider}')) path = path.replace('{provider}', 'matrix');
    if (path.startsWith('/api/v1/sign-in/providers/{id}')) path = path.replace('{id}', 'matrix');
    if (path.startsWith('/api/v1/invitations/{id}')) path = path.replace('{id}', 'inv_missing');
    if (path.includes('{stepId}')) path = path.replace('{stepId}', 'missing-step');
    if (path.includes('{versionId}')) path = path.replace('{versionId}', 'ver_missing');
    if (path.startsWith('/api/v1/runs/{id}')) path = path.replace('{id}', runId);
    if (path.startsWith('/api/v1/triggers/{id}')) path = path.replace('{id}', triggerId);
    if (path.startsWith('/api/v1/hooks/subscriptions/{id}')) path = path.replace('{id}', 'hsub_missing');
    if (path.startsWith('/api/v1/connections/{id}')) path = path.replace('{id}', 'con_missing');
    if (path.startsWith('/api/v1/packs/{id}')) path = path.replace('{id}', 'not-installed').replace('{version}', '1.0.0');
    if (path.endsWith('/choices')) path = path.replace('{packId}', 'not-installed').replace('{owner}', 'actions').replace('{key}', 'x').replace('{field}', 'y');
    if (path.endsWith('/fields')) path = path.replace('{packId}', 'not-installed').replace('{key}', 'x');
    if (path.includes('{')) throw new Error(`no sample value for a parameter of ${route}: add one to pathFor`);
    return path;
  };

  it('lists every route the server has, documented or not', async () => {
    const doc = (await system.api('GET', '/openapi.json', undefined, { token: null })).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} /api/v1${path}`));
    // Wildcard entries are middleware every request passes (body limit, CSRF, auth) and the web app's static files.
    const registered = system.app.routes.filter((route) => !route.path.includes('*')).map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect([...new Set([...documented, ...registered])].sort()).toEqual(Object.keys(access).sort());
  });

  it('answers every route as the table says, for anonymous, viewer, editor and owner', async () => {
    const actual: string[] = [];
    const wanted: string[] = [];
    for (const [route, rule] of Object.entries(access)) {
      const declared = route.slice(0, route.indexOf(' '));
      // A route for any method is tried with one that changes things.
      const method = declared === 'ALL' ? 'PUT' : declared;
      for (const caller of callers) {
        const answer = await system.request(method, await pathFor(route), bodies[route]?.(), { token: tokens[caller] });
        actual.push(`${route} as ${caller}: ${verdict(answer.status)}`);
        wanted.push(`${route} as ${caller}: ${expectedVerdict(rule, caller)}`);
      }
    }
    expect(actual).toEqual(wanted);
  });

  it('lets a viewer read runs and recipes, and nothing more', async () => {
    const viewer = { token: tokens.viewer };
    const recipeId = await system.createRecipe({ trigger: { use: 'core/manual' }, steps: [] });
    for (const path of ['/recipes', `/recipes/${recipeId}`, `/recipes/${recipeId}/versions`, '/runs', `/runs/${runId}`]) {
      expect({ path, status: (await system.api('GET', path, undefined, viewer)).status }).toEqual({ path, status: 200 });
    }
    const refused: [string, string, unknown][] = [
      ['POST', `/recipes/${recipeId}/run`, { version: 'latest' }],
      ['POST', `/runs/${runId}/replay`, {}],
      ['POST', `/recipes/${recipeId}/publish`, undefined],
      ['PATCH', `/recipes/${recipeId}`, { name: 'Viewer was here' }],
      ['POST', '/recipes', { name: 'Viewer recipe', trigger: { use: 'core/manual' }, steps: [] }],
      ['POST', '/users', { email: 'viewer-made@example.com', password: 'long enough password', role: 'owner' }],
      ['POST', '/system/storage/sweep', undefined],
    ];
    for (const [method, path, body] of refused) {
      expect({ method, path, status: (await system.api(method, path, body, viewer)).status }).toEqual({ method, path, status: 403 });
    }
    expect((await system.api('GET', `/recipes/${recipeId}`, undefined, viewer)).body.name).toBe('Test recipe');
  });
});
