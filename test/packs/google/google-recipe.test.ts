import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { triggerIdOf } from '../../support/inspect-db.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectGoogle, pollNow, triggerState } from './google-connect.js';
import { GoogleFake } from './google-fake.js';

const rawOf = (body: string) => Buffer.from((JSON.parse(body) as { raw: string }).raw, 'base64url');

/**
 * The recipe "new row in a Google Sheet → Gmail: send an email to the row's address with a CSV
 * attachment", end to end on the fake: the first poll only seeds, each new row fires once, and a restart
 * (process killed, started again on the same data dir) neither doubles nor skips rows, including one added
 * while the server was down. Then "new email matching a search" seeds, fires once per new message
 * (fetched in full), and ignores messages the search does not match.
 */
describe('Google recipes on the fakes', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let fake: GoogleFake;

  beforeAll(async () => {
    fake = own(await GoogleFake.start());
    server = own(await SwitchyardProcess.launch());
  });

  it('new row → email with attachment; restarts neither double nor skip', async () => {
    const sheets = (await connectGoogle(server, fake, 'google-sheets')).id;
    const gmail = (await connectGoogle(server, fake, 'gmail')).id;
    const leads = fake.sheets.get('Leads')!;
    leads.push(['Old', 'old@example.com', 'Free']);
    const recipe = await publishRecipe(server, {
      name: 'Welcome new leads',
      trigger: { use: 'google-sheets/new-row', connection: sheets, input: { spreadsheet_id: fake.spreadsheetId, sheet: 'Leads' } },
      steps: [
        {
          id: 'mail',
          use: 'gmail/send-email',
          connection: gmail,
          input: {
            to: '{{trigger.Email}}',
            subject: 'Welcome, {{trigger.Name}}',
            body: 'You are on the {{trigger.Plan}} plan (row {{trigger.row_number}}).',
            attachment: 'name,plan\n{{trigger.Name}},{{trigger.Plan}}\n',
            attachment_name: 'plan.csv',
          },
        },
      ],
    });
    const trigger = triggerIdOf(server.dataDir, recipe.id);
    await pollNow(server, trigger);
    expect(await triggerState(server, trigger)).toMatchObject({ seeded: true, seenCount: 1, lastError: null });
    expect(await listRuns(server, recipe.id)).toHaveLength(0);

    leads.push(['Ada', 'ada@example.com', 'Pro'], [], ['Bob', 'bob@example.com', 'Team']);
    await pollNow(server, trigger);
    await waitForRuns(server, recipe.id, 2, 30_000);

    // Killed mid-life; rows are added (one in the blank row) while it is down, then it starts on the same data.
    await server.kill();
    leads.push(['Cy', 'cy@example.com', 'Free']);
    leads[3] = ['Dee', 'dee@example.com', 'Pro'];
    await server.start();
    await pollNow(server, trigger);
    await pollNow(server, trigger);
    const runs = await waitForRuns(server, recipe.id, 4, 30_000);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(await listRuns(server, recipe.id)).toHaveLength(4);

    const sent = await Promise.all(fake.requestsTo('/gmail/v1/users/me/messages/send').map((request) => simpleParser(rawOf(request.body))));
    expect(sent.map((mail) => [[mail.to].flat()[0]?.text, mail.subject]).sort()).toEqual([
      ['ada@example.com', 'Welcome, Ada'],
      ['bob@example.com', 'Welcome, Bob'],
      ['cy@example.com', 'Welcome, Cy'],
      ['dee@example.com', 'Welcome, Dee'],
    ]);
    const ada = sent.find((mail) => mail.subject === 'Welcome, Ada')!;
    expect(ada.text?.trim()).toBe('You are on the Pro plan (row 3).');
    expect(ada.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['plan.csv', 'name,plan\nAda,Pro\n']]);
    const detail = await getRun(server, runs[0]!.id);
    expect(detail.steps[0]!.output).toMatchObject({ labelIds: ['SENT'] });
  });

  it('new email matching a search: seeds, fires once per new match with the full message, across pages', async () => {
    const gmail = (await connectGoogle(server, fake, 'gmail')).id;
    fake.receive('billing@example.com', 'Invoice 1');
    const recipe = await publishRecipe(server, {
      name: 'Label invoices',
      trigger: { use: 'gmail/new-email', connection: gmail, input: { query: 'from:billing@example.com' } },
      steps: [{ id: 'label', use: 'gmail/add-label', connection: gmail, input: { message_id: '{{trigger.id}}', label_ids: ['Label_12'] } }],
    });
    const trigger = triggerIdOf(server.dataDir, recipe.id);
    await pollNow(server, trigger);
    const invoices = [fake.receive('billing@example.com', 'Invoice 2'), fake.receive('someone@example.com', 'Hi'), fake.receive('billing@example.com', 'Invoice 3')];
    await pollNow(server, trigger);
    await pollNow(server, trigger);
    expect(await triggerState(server, trigger)).toMatchObject({ seeded: true, lastError: null });
    const runs = await waitForRuns(server, recipe.id, 2, 30_000);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    expect(fake.requestsTo('/gmail/v1/users/me/messages', 'GET').some((request) => request.query['pageToken'] === '2')).toBe(true);
    const subjects = await Promise.all(runs.map(async (run) => (await getRun(server, run.id)).trigger));
    expect(subjects.map((event) => (event as { payload: { headers: { value: string }[] } }).payload.headers[1]!.value).sort()).toEqual(['Invoice 2', 'Invoice 3']);
    expect(invoices.filter((message) => message.labelIds.includes('Label_12')).map((message) => message.subject).sort()).toEqual(['Invoice 2', 'Invoice 3']);
  });
});
