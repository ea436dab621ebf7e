import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectAsana, personalToken } from '../asana/asana-connection.js';
import { AsanaFake } from '../asana/asana-fake.js';
import { connectCrisp, crispSignature, tokenIdentifier, tokenKey, websiteId } from '../crisp/crisp-connection.js';
import { CrispFake } from '../crisp/crisp-fake.js';
import { apiToken, connectMonday } from '../monday/monday-connection.js';
import { MondayFake } from '../monday/monday-fake.js';

const session = 'session_36ba3566-9651-4790-afc8-ffedbccc317f';

/**
 * Two recipes chained across three packs on their fakes: "a visitor's Crisp message mentioning an order →
 * Asana task in the Support project", and "task added to that project (Asana webhook) → monday item on the
 * Support board". Crisp's delivery is signed, Asana's webhook is registered through its handshake, and each
 * step's request is checked at the receiving fake.
 */
describe('recipes: Crisp message → Asana task → monday item', () => {
  const own = useResources('all');
  let crisp: CrispFake;
  let asana: AsanaFake;
  let monday: MondayFake;
  let server: SwitchyardProcess;

  beforeAll(async () => {
    crisp = own(await CrispFake.start(websiteId, tokenIdentifier, tokenKey));
    crisp.sessions.set(session, { state: 'pending' });
    asana = own(await AsanaFake.start(personalToken));
    monday = own(await MondayFake.start(apiToken));
    server = own(await SwitchyardProcess.launch());
  });

  it('turns an order question into a task, and the task into a board item, once each', async () => {
    const [crispConnection, asanaConnection, mondayConnection] = await Promise.all([connectCrisp(server, crisp), connectAsana(server, asana), connectMonday(server, monday)]);
    const chat = await publishRecipe(server, {
      name: 'Order questions become tasks',
      trigger: { use: 'crisp/chat-event', connection: crispConnection.id, input: { events: ['message:send'] } },
      steps: [
        { id: 'about_order', use: 'core/filter', input: { all: [{ left: '{{trigger.data.content | lower}}', op: 'contains', right: 'order' }] } },
        {
          id: 'task',
          use: 'asana/create-task',
          connection: asanaConnection.id,
          input: { workspace: asana.workspace.gid, projects: [asana.project.gid], name: 'Crisp: {{trigger.data.user.nickname}}', notes: '{{trigger.data.content}}\n\n{{trigger.data.session_id}}' },
        },
        { id: 'note', use: 'crisp/send-message', connection: crispConnection.id, input: { session_id: '{{trigger.data.session_id}}', type: 'note', content: 'Asana task {{steps.task.output.gid}}' } },
      ],
    });
    const board = await publishRecipe(server, {
      name: 'New support tasks go on the board',
      trigger: { use: 'asana/project-event', connection: asanaConnection.id, input: { workspace: asana.workspace.gid, project: asana.project.gid, events: ['task.added'] } },
      steps: [{ id: 'item', use: 'monday/create-item', connection: mondayConnection.id, input: { board_id: monday.board.id, name: 'Asana task {{trigger.resource.gid}}', column_values: { status: { label: 'New' } } } }],
    });

    const say = async (fingerprint: number, content: string) => {
      const body = JSON.stringify({ website_id: websiteId, event: 'message:send', data: { website_id: websiteId, session_id: session, type: 'text', from: 'user', origin: 'chat', content, fingerprint, user: { nickname: 'Ada' } }, timestamp: 1763640000000 + fingerprint });
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = { 'content-type': 'application/json', 'x-crisp-request-timestamp': String(timestamp), 'x-crisp-signature': crispSignature(body, timestamp) };
      return (await fetch(`${server.baseUrl}${chat.hookPath}`, { method: 'POST', headers, body })).status;
    };
    expect(await say(1, 'Where is my ORDER 1042?')).toBe(200);
    expect(await say(1, 'Where is my ORDER 1042?')).toBe(200);
    expect(await say(2, 'Just saying hi')).toBe(200);
    const chatRuns = await waitForRuns(server, chat.id, 2);
    expect(chatRuns.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    expect(asana.tasks.map((task) => [task.name, task.notes])).toEqual([['Crisp: Ada', `Where is my ORDER 1042?\n\n${session}`]]);
    expect(crisp.messages).toMatchObject([{ type: 'note', from: 'operator', content: `Asana task ${asana.tasks[0]!.gid}` }]);

    // Asana tells the board recipe about the new task (twice: a retry), and a change it does not listen to.
    const [hookGid] = [...asana.hooks.keys()];
    const added = { action: 'added', created_at: '2026-11-20T12:00:00.000Z', resource: { gid: asana.tasks[0]!.gid, resource_type: 'task' }, parent: { gid: asana.project.gid } };
    expect((await asana.deliver(hookGid!, [added, { ...added, action: 'changed' }])).status).toBe(200);
    expect((await asana.deliver(hookGid!, [added])).body).toMatchObject({ duplicates: 1 });
    const [boardRun] = await waitForRuns(server, board.id, 1);
    expect((await getRun(server, boardRun!.id)).status).toBe('succeeded');
    expect(monday.items.map((item) => [item.name, item.column_values.map((value) => value.text)])).toEqual([[`Asana task ${asana.tasks[0]!.gid}`, ['New']]]);
    expect(monday.calls('create_item').at(-1)!.json).toMatchObject({ variables: { board: monday.board.id, values: '{"status":{"label":"New"}}' } });
  });
});
