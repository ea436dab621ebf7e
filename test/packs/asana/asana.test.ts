import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { PackStepHarness, sdkRequests } from '../../support/pack-step-harness.js';
import { listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { asanaRefusal, asanaSdk, connectAsana, expectSameRequest, personalToken } from './asana-connection.js';
import { AsanaFake } from './asana-fake.js';

type Output = Record<string, unknown> & { items?: unknown[]; length?: number };

const optFields = 'name,notes,completed,due_on,assignee.name,projects.name,workspace.name,permalink_url,created_at,modified_at';

/**
 * The Asana pack on a local Asana: each action run through Switchyard's step test sends what the official
 * `asana` 3.x client (basePath at the fake) sends (the project listing page by page); Asana's refusals read as
 * sentences; the OAuth app connects and its token is refreshed when Asana refuses it; the project trigger registers its webhook through the
 * X-Hook-Secret handshake during the create call, verifies deliveries with that secret, answers heartbeats
 * without a run, runs once per repeated event, and deletes the webhook on unpublish.
 */
describe('Asana pack', () => {
  const own = useResources('all');
  let fake: AsanaFake;
  let server: SwitchyardProcess;
  let connection: string;
  let harness: PackStepHarness<RecordedRequest, Output, keyof ReturnType<typeof steps>>;

  beforeAll(async () => {
    fake = own(await AsanaFake.start(personalToken));
    server = own(await SwitchyardProcess.launch());
    const connected = await connectAsana(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    harness = await PackStepHarness.importAllSteps({
      server,
      fake,
      name: 'Every Asana action',
      connection,
      steps: steps(fake.workspace.gid, fake.project.gid),
      compare: expectSameRequest,
      isRefusal: asanaRefusal,
    });
  });

  const steps = (workspace: string, project: string) => ({
    create: { use: 'asana/create-task', input: { workspace, projects: [project], name: 'Reply to Ada', notes: 'Order 1042 is late.', assignee: 'me', due_on: '2026-12-01' } },
    update: { use: 'asana/update-task', input: { task_gid: '{{steps.create.output.gid}}', completed: true, notes: 'Answered.' } },
    comment: { use: 'asana/add-comment', input: { task_gid: '{{steps.create.output.gid}}', text: 'Followed up by email.' } },
    comment_missing: { use: 'asana/add-comment', input: { task_gid: '1204999999999999', text: 'Anyone?' } },
    find: { use: 'asana/find-tasks', input: { workspace, text: 'ada', completed: false } },
    list: { use: 'asana/list-project-tasks', input: { workspace, project } },
  });

  it('creates, updates and comments on a task like the asana client', async () => {
    const sdk = asanaSdk(fake);
    const data = { name: 'Reply to Ada', notes: 'Order 1042 is late.', assignee: 'me', due_on: '2026-12-01', workspace: fake.workspace.gid, projects: [fake.project.gid] };
    const created = await harness.expectLikeSdk('create', () => sdk.tasks.createTask({ data }, { opt_fields: optFields }));
    expect(created.output).toMatchObject({ gid: '1204000000000001', name: 'Reply to Ada', projects: [{ gid: fake.project.gid }] });
    await harness.expectLikeSdk('update', () => sdk.tasks.updateTask({ data: { notes: 'Answered.', completed: true } }, '1204000000000001', { opt_fields: optFields }));
    expect(fake.tasks[0]).toMatchObject({ completed: true, notes: 'Answered.' });
    const comment = await harness.expectLikeSdk('comment', () => sdk.stories.createStoryForTask({ data: { text: 'Followed up by email.' } }, '1204000000000001'));
    expect(comment.output).toMatchObject({ type: 'comment', text: 'Followed up by email.' });
  });

  it('offers the workspaces and, for a chosen one, its projects', async () => {
    const workspaces = await server.api<{ choices: unknown[] }>('POST', '/packs/asana/actions/create-task/fields/workspace/choices', { connection });
    expect(workspaces.body.choices).toEqual([{ label: 'Acme', value: fake.workspace.gid }]);
    const projects = await server.api<{ choices: unknown[] }>('POST', '/packs/asana/actions/create-task/fields/projects/choices', { connection, input: { workspace: fake.workspace.gid } });
    expect(projects.body.choices).toEqual([{ label: 'Support', value: fake.project.gid }]);
    expect(fake.requestsTo('GET', '/api/1.0/projects').at(-1)!.query).toEqual([['workspace', fake.workspace.gid], ['archived', 'false'], ['limit', '100']]);
  });

  it("says what Asana's 404 means", async () => {
    const { result } = await harness.runStep('comment_missing');
    expect(result.error?.message).toContain('Asana found no such task, project or workspace (task: Unknown object: 1204999999999999).');
  });

  it('searches a workspace and lists a project over every page, like the asana client', async () => {
    const sdk = asanaSdk(fake);
    const found = await harness.expectLikeSdk('find', () => sdk.tasks.searchTasksForWorkspace(fake.workspace.gid, { text: 'ada', completed: false, sort_by: 'modified_at', opt_fields: optFields }));
    expect(found.output).toHaveLength(2);
    fake.addTasks(230);
    const listed = await harness.expectLikeSdk('list', async () => {
      let page = await sdk.tasks.getTasksForProject(fake.project.gid, { limit: 100, opt_fields: optFields });
      for (let pages = 1; page.nextPage && pages < 10; pages++) {
        page = await page.nextPage();
        if (!page.data) break;
      }
    });
    expect(listed.output?.items).toHaveLength(232);
    expect(fake.requestsTo('GET', `/api/1.0/projects/${fake.project.gid}/tasks`).length).toBeGreaterThanOrEqual(6);
  });

  it('connects through an OAuth app (client credentials in the token form) and refreshes a refused token', async () => {
    const { clientId, clientSecret } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, {
      packId: 'asana',
      name: 'Asana (OAuth app)',
      fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, app_url: fake.origin },
    });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.origin}/-/oauth_authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: clientId, response_type: 'code', scope: 'default', state: expect.any(String) });
    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    expect(await (await fetch(callback)).json()).toEqual({ connectionId: id });
    const exchange = fake.requestsTo('POST', '/-/oauth_token').at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({ grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, redirect_uri: authorize.searchParams.get('redirect_uri') });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    const issued = String(fake.requests.slice(before).at(-1)!.headers['authorization']);
    expect(issued).toMatch(/^Bearer 2\/1200000000000001\//);

    // Asana access tokens last an hour: a refused one is refreshed once with the refresh token, then the call is repeated.
    fake.tokens.delete(issued.slice('Bearer '.length));
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    const refresh = fake.requestsTo('POST', '/-/oauth_token').at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(refresh.body))).toMatchObject({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: expect.stringMatching(/^2\/1200000000000001\/refresh-/) });
    const retried = String(fake.requestsTo('GET', '/api/1.0/users/me').at(-1)!.headers['authorization']);
    expect(retried).not.toBe(issued);
    expect(fake.tokens.has(retried.slice('Bearer '.length))).toBe(true);
  });

  it('registers the project webhook through the handshake, verifies, ignores heartbeats, dedupes, and deletes it on unpublish', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Comment on new tasks',
      trigger: { use: 'asana/project-event', connection, input: { workspace: fake.workspace.gid, project: fake.project.gid, events: ['task.added'] } },
      steps: [{ id: 'ack', use: 'asana/add-comment', connection, input: { task_gid: '{{trigger.resource.gid}}', text: 'Seen {{trigger.action}} at {{trigger.created_at}}' } }],
    });
    // The create call answered only after our URL echoed the secret, so the webhook exists now.
    const [hookGid, hook] = [...fake.hooks.entries()][0]!;
    expect(hook).toMatchObject({ resource: fake.project.gid, target: expect.stringContaining(recipe.hookPath) });
    const [sent] = fake.requestsTo('POST', '/api/1.0/webhooks');
    const [theirs] = await sdkRequests(fake, () => asanaSdk(fake).webhooks.createWebhook({ data: { resource: fake.project.gid, target: hook.target } }), asanaRefusal);
    expectSameRequest(sent!, theirs!);
    fake.hooks.delete([...fake.hooks.keys()][1]!);

    expect(await fake.deliver(hookGid, [])).toMatchObject({ status: 200, body: { runIds: [], duplicates: 0 } });
    const added = { user: { gid: '1200000000000001' }, created_at: '2026-11-20T12:00:00.000Z', action: 'added', resource: { gid: '1204000000000001', resource_type: 'task' }, parent: { gid: fake.project.gid } };
    const changed = { ...added, action: 'changed', change: { field: 'name', action: 'changed' } };
    const first = await fake.deliver(hookGid, [added, changed]);
    expect(first).toMatchObject({ status: 200, body: { duplicates: 0, filtered: 1 } });
    expect(first.body['runIds']).toHaveLength(1);
    expect((await fake.deliver(hookGid, [added])).body).toMatchObject({ runIds: [], duplicates: 1 });
    expect((await fake.deliver(hookGid, [added], 'not-the-secret')).status).toBe(401);
    const forged = await fetch(hook.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [added] }) });
    expect(forged.status).toBe(401);
    // Someone who learnt the URL cannot swap the secret with a handshake of their own.
    expect((await fetch(hook.target, { method: 'POST', headers: { 'x-hook-secret': 'attacker' } })).status).toBe(401);

    const runs = await waitForRuns(server, recipe.id, 1);
    expect(runs.map((run) => run.status)).toEqual(['succeeded']);
    expect(fake.stories.at(-1)).toMatchObject({ text: 'Seen added at 2026-11-20T12:00:00.000Z', target: { gid: '1204000000000001' } });

    expect((await server.api('POST', `/recipes/${recipe.id}/unpublish`, {})).status).toBe(200);
    const deleted = await waitFor(() => fake.requestsTo('DELETE', `/api/1.0/webhooks/${hookGid}`)[0], { timeoutMs: 10_000, what: 'the webhook to be deleted' });
    fake.hooks.set(hookGid, hook);
    const [sdkDelete] = await sdkRequests(fake, () => asanaSdk(fake).webhooks.deleteWebhook(hookGid), asanaRefusal);
    expectSameRequest(deleted, sdkDelete!);
    expect(await listRuns(server, recipe.id)).toHaveLength(1);
    expect(server.logTail(5000)).not.toContain(personalToken);
    expect(server.logTail(5000)).not.toContain(hook.secret);
  });
});
