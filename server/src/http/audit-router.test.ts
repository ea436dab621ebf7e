import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../contracts/audit.js';
import type { RunDetail } from '../contracts/run.js';
import { startTestSystem, stepOf, type ApiAnswer, type TestSystem } from '../test-system.js';

const ownerPassword = 'owner-password-sentinel-1';
const editorPassword = 'editor-password-sentinel-2';
const secretInDefinition = 'definition-secret-sentinel-3';
const secretInput = 'input-secret-sentinel-4';

const cookieOf = (answer: ApiAnswer) => answer.headers.get('set-cookie')!.split(';')[0]!;

describe('audit log', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ owner: false });
  });
  afterAll(() => system?.close());

  let readerToken: string;
  let recipeId: string;
  const secrets: string[] = [ownerPassword, editorPassword, secretInDefinition, secretInput];
  // The system has no default owner token (setup creates the owner), so these send the owner's own.
  const asReader = (method: string, path: string, body?: unknown) => system.api(method, path, body, { token: readerToken });
  const runUntil = (runId: string, until: (run: RunDetail) => boolean) =>
    system.waitFor(async () => {
      const answer = await asReader('GET', `/runs/${runId}`);
      return until(answer.body as RunDetail) ? (answer.body as RunDetail) : undefined;
    }, `run ${runId}`);
  const audit = async (query = '') => {
    const answer = await asReader('GET', `/audit${query}`);
    expect(answer.status).toBe(200);
    return answer.body as { entries: AuditEntry[]; nextCursor: string | null };
  };

  it('records setup, sign-in, users, tokens, every recipe change, sweeps and sign-out', async () => {
    const setup = await system.api('POST', '/setup', { email: 'owner@example.com', password: ownerPassword }, { token: null });
    expect(setup.status).toBe(201);
    const login = await system.api('POST', '/auth/login', { email: 'owner@example.com', password: ownerPassword }, { token: null });
    const cookie = cookieOf(login);
    secrets.push(cookieOf(setup).split('=')[1]!, cookie.split('=')[1]!);
    const owner = (method: string, path: string, body?: unknown) => system.api(method, path, body, { token: null, headers: { cookie } });

    const token = await owner('POST', '/tokens', { name: 'audit reader' });
    readerToken = token.body.token;
    secrets.push(readerToken);
    expect((await owner('POST', '/users', { email: 'ed@example.com', password: editorPassword, role: 'editor' })).status).toBe(201);

    const definition = { trigger: { use: 'core/manual' }, steps: [{ id: 'up', use: 'core/formatter', input: { operation: 'text.upper', value: secretInDefinition } }] };
    const created = await owner('POST', '/recipes', { name: 'Audited', ...definition });
    recipeId = created.body.id;
    // A refused change is not recorded.
    expect((await owner('PATCH', `/recipes/${recipeId}`, { definition: { trigger: { use: 'core/nope' }, steps: [] } })).status).toBe(422);
    expect((await owner('PATCH', `/recipes/${recipeId}`, { name: 'Audited again', definition })).status).toBe(200);
    expect((await owner('POST', `/recipes/${recipeId}/publish`)).status).toBe(200);
    const run = await owner('POST', `/recipes/${recipeId}/run`, { input: { apiKey: secretInput } });
    expect(run.status).toBe(202);
    await runUntil(run.body.runId, (done) => done.status === 'succeeded');
    for (const action of ['pause', 'unpublish']) expect((await owner('POST', `/recipes/${recipeId}/${action}`)).status).toBe(200);
    expect((await owner('POST', '/system/storage/sweep')).status).toBe(200);
    expect((await owner('DELETE', `/recipes/${recipeId}`)).status).toBe(204);
    expect((await owner('POST', '/auth/logout')).status).toBe(204);

    const { entries } = await audit();
    const expected = [
      'setup', 'login', 'token.create', 'user.create', 'recipe.create', 'recipe.update', 'recipe.publish', 'recipe.run',
      'recipe.pause', 'recipe.unpublish', 'storage.sweep', 'recipe.delete', 'logout',
    ];
    // Newest first; entries made within the same millisecond may come in either order.
    expect(entries.map((entry) => entry.action).sort()).toEqual([...expected].sort());
    expect(entries.map((entry) => entry.at)).toEqual(entries.map((entry) => entry.at).sort((a, b) => b - a));
    const ownerId = setup.body.id;
    for (const entry of entries) expect(entry.actor).toEqual({ id: ownerId, email: 'owner@example.com' });

    const byAction = Object.fromEntries(entries.map((entry) => [entry.action, entry]));
    expect(byAction['setup']).toMatchObject({ targetId: ownerId, details: {} });
    expect(byAction['login']).toMatchObject({ targetId: ownerId, details: { address: null } });
    expect(byAction['token.create']).toMatchObject({ targetId: token.body.id, details: { name: 'audit reader' } });
    expect(byAction['user.create']!.details).toEqual({ email: 'ed@example.com', role: 'editor' });
    expect(byAction['recipe.create']).toMatchObject({ targetId: recipeId, details: { name: 'Audited', folder: '', imported: false } });
    expect(byAction['recipe.update']!.details).toEqual({ name: 'Audited again', versionId: expect.any(String) });
    expect(byAction['recipe.publish']!.details).toEqual({ versionId: byAction['recipe.update']!.details['versionId'], version: 2 });
    expect(byAction['recipe.run']!.details).toEqual({ runId: run.body.runId, versionId: byAction['recipe.update']!.details['versionId'] });
    expect(byAction['storage.sweep']!.details).toMatchObject({ runsByAge: 0, runsBySize: 0, inbox: 0 });
    expect(byAction['recipe.delete']!.details).toEqual({ name: 'Audited again' });
  });

  it('never stores a password, token, session or secret value', async () => {
    const rows = JSON.stringify(await system.wired.database.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of secrets) expect(rows).not.toContain(secret);
  });

  it('filters by actor, action, target and time, and pages with a cursor', async () => {
    const actions = async (query: string) => (await audit(query)).entries.map((entry) => entry.action);
    expect(await actions('?action=recipe.publish')).toEqual(['recipe.publish']);
    expect((await actions(`?target=${recipeId}`)).sort()).toEqual(
      ['recipe.create', 'recipe.delete', 'recipe.pause', 'recipe.publish', 'recipe.run', 'recipe.unpublish', 'recipe.update'],
    );
    expect(await actions('?actor=OWNER@example.com')).toHaveLength(13);
    expect(await actions('?actor=ed@example.com')).toEqual([]);
    expect(await actions(`?after=${Date.now() + 60_000}`)).toEqual([]);
    expect(await actions(`?before=${Date.now() + 60_000}`)).toHaveLength(13);

    const first = await audit('?limit=5');
    expect(first.entries).toHaveLength(5);
    const second = await audit(`?limit=5&cursor=${first.nextCursor}`);
    const third = await audit(`?limit=5&cursor=${second.nextCursor}`);
    expect(third.entries).toHaveLength(3);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries, ...third.entries].map((entry) => entry.id);
    expect(new Set(ids).size).toBe(13);

    const wrong = await asReader('GET', '/audit?action=recipe.explode');
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.problems[0].path).toBe('/action');
  });

  it('is for owners only', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const answer = await system.api('GET', '/audit', undefined, { token: await system.addUser(role) });
      expect(answer.status).toBe(403);
    }
  });

  it('records approval decisions with no actor, in the transaction that settles the step', async () => {
    const created = await asReader('POST', '/recipes', { name: 'Approval', trigger: { use: 'core/webhook' }, steps: [{ id: 'ask', use: 'core/approval', input: {} }] });
    const published = await asReader('POST', `/recipes/${created.body.id}/publish`);
    const accepted = await system.postWebhook(new URL(published.body.trigger.webhookUrl).pathname, {});
    const waiting = await runUntil(accepted.body.runId, (run) => run.status === 'waiting');
    const { approveUrl } = stepOf(waiting, 'ask').output as { approveUrl: string };
    expect((await system.request('POST', new URL(approveUrl).pathname, undefined, { token: null })).status).toBe(200);
    // A second click changes nothing and records nothing.
    expect((await system.request('POST', new URL(approveUrl).pathname, undefined, { token: null })).status).toBe(410);
    const { entries } = await audit('?action=approval.decide');
    expect(entries).toEqual([
      { id: expect.any(String), at: expect.any(Number), actor: null, action: 'approval.decide', targetId: waiting.id, details: { step: 'ask', decision: 'approve' } },
    ]);
  });
});
