import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectCrisp, crispRefusal, crispSdk, crispSignature, expectSameRequest, signingSecret, tokenKey, websiteId } from './crisp-connection.js';
import { CrispFake } from './crisp-fake.js';

const session = 'session_36ba3566-9651-4790-afc8-ffedbccc317f';
const people = 'ada@example.com';

/**
 * The Crisp pack on a local Crisp: every action run through Switchyard's step test and the same operation
 * through crisp-api (its REST host set to the fake) send the same request; Crisp's refusals read as
 * sentences; the chat-event trigger accepts Web Hooks signed as crisp-api's verifyHook checks them, refuses
 * bad, missing and stale signatures (401, nothing stored), runs once per repeated delivery and only for the
 * chosen events.
 */
describe('Crisp pack', () => {
  const own = useResources('all');
  let fake: CrispFake;
  let server: SwitchyardProcess;
  let connection: string;
  let harness: PackStepHarness<RecordedRequest, Record<string, unknown>, keyof typeof steps>;

  const steps = {
    message: { use: 'crisp/send-message', input: { session_id: session, content: 'We are on it.', nickname: 'Grace' } },
    note: { use: 'crisp/send-message', input: { session_id: session, content: 'Refund approved', type: 'note' } },
    contact: { use: 'crisp/update-contact', input: { people_id: people, nickname: 'Ada Lovelace', phone: '+44 20 7946 0000', segments: ['vip', 'trial'] } },
    state: { use: 'crisp/set-conversation-state', input: { session_id: session, state: 'resolved' } },
    missing: { use: 'crisp/set-conversation-state', input: { session_id: 'session_gone', state: 'pending' } },
  };

  beforeAll(async () => {
    fake = own(await CrispFake.start(websiteId, 'b6a9ec1d-9c4f-4b4f-9b3f-0b5a6a0f1c2d', tokenKey));
    fake.sessions.set(session, { state: 'pending' });
    fake.people.set(people, { email: people });
    server = own(await SwitchyardProcess.launch());
    const connected = await connectCrisp(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    harness = await PackStepHarness.importAllSteps({
      server,
      fake,
      name: 'Every Crisp action',
      connection,
      steps,
      compare: expectSameRequest,
      isRefusal: crispRefusal,
      requestsEach: 1,
    });
  });

  it('refuses a wrong token key with a sentence, and sends the plugin tier', async () => {
    const refused = await connectCrisp(server, fake, 'wrong-key');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Crisp refused the plugin token (invalid_session)');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/website/${websiteId}`, headers: { 'x-crisp-tier': 'plugin' } });
  });

  it('sends messages and notes as an operator, like crisp-api', async () => {
    const sdk = crispSdk(fake);
    const message = await harness.expectLikeSdk('message', () =>
      sdk.website.sendMessageInConversation(websiteId, session, { type: 'text', from: 'operator', origin: 'chat', content: 'We are on it.', user: { nickname: 'Grace' } }),
    );
    expect(message.output).toMatchObject({ error: false, reason: 'dispatched', data: { fingerprint: expect.any(Number) } });
    await harness.expectLikeSdk('note', () => sdk.website.sendMessageInConversation(websiteId, session, { type: 'note', from: 'operator', origin: 'chat', content: 'Refund approved', user: {} }));
    expect(fake.messages.map((sent) => [sent['type'], sent['content']])).toEqual([['text', 'We are on it.'], ['text', 'We are on it.'], ['note', 'Refund approved'], ['note', 'Refund approved']]);
  });

  it('updates a contact and a conversation state, like crisp-api', async () => {
    const sdk = crispSdk(fake);
    await harness.expectLikeSdk('contact', () => sdk.website.updatePeopleProfile(websiteId, people, { person: { nickname: 'Ada Lovelace', phone: '+44 20 7946 0000' }, segments: ['vip', 'trial'] }));
    expect(fake.people.get(people)).toMatchObject({ email: people, person: { nickname: 'Ada Lovelace' }, segments: ['vip', 'trial'] });
    await harness.expectLikeSdk('state', () => sdk.website.changeConversationState(websiteId, session, 'resolved'));
    expect(fake.sessions.get(session)).toEqual({ state: 'resolved' });
  });

  it("says what Crisp's refusal means", async () => {
    const { result } = await harness.runStep('missing');
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain('Crisp found no conversation with this session ID.');
  });

  describe('chat events', () => {
    let recipe: PublishedRecipe;
    let fingerprint = 163408415189000;

    beforeAll(async () => {
      recipe = await publishRecipe(server, {
        name: 'Note every visitor message',
        trigger: { use: 'crisp/chat-event', connection, input: { events: ['message:send'] } },
        steps: [{ id: 'note', use: 'crisp/send-message', connection, input: { session_id: '{{trigger.data.session_id}}', type: 'note', content: 'Seen: {{trigger.data.content}}' } }],
      });
    });

    function hook(event: string, content: string): string {
      fingerprint += 1;
      const data = { website_id: websiteId, session_id: session, type: 'text', origin: 'chat', content, from: 'user', fingerprint, timestamp: 1763640000000 };
      return JSON.stringify({ website_id: websiteId, event, data, timestamp: 1763640000000 + fingerprint % 1000 });
    }

    /** Posts as Crisp does: JSON body, the request timestamp and signature headers. */
    async function deliver(body: string, headers: Record<string, string>) {
      const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: answer.status, body: (await answer.json()) as { runIds?: string[]; duplicates?: number; filtered?: number } };
    }

    /** Signed now; crisp-api's verifyHook must accept the same signature. */
    async function signed(body: string): Promise<Record<string, string>> {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = crispSignature(body, timestamp);
      const verifier = crispSdk(fake);
      verifier.setRtmMode('webhooks');
      await verifier.on('message:send', () => undefined);
      expect(verifier.verifyHook(signingSecret, JSON.parse(body) as object, timestamp, signature)).toBe(true);
      return { 'x-crisp-request-timestamp': String(timestamp), 'x-crisp-signature': signature };
    }

    it('refuses unsigned, wrongly signed, tampered and stale deliveries with 401 and stores nothing', async () => {
      const body = hook('message:send', 'forged?');
      const now = Math.floor(Date.now() / 1000);
      const attempts: Record<string, string>[] = [
        {},
        { 'x-crisp-request-timestamp': String(now) },
        { 'x-crisp-request-timestamp': String(now), 'x-crisp-signature': crispSignature(body, now, 'not-the-secret') },
        { 'x-crisp-request-timestamp': String(now - 600), 'x-crisp-signature': crispSignature(body, now - 600) },
        { 'x-crisp-request-timestamp': String(now), 'x-crisp-signature': crispSignature(body.replace('forged', 'f0rged'), now) },
      ];
      for (const headers of attempts) expect((await deliver(body, headers)).status).toBe(401);
      expect(await listRuns(server, recipe.id)).toEqual([]);
    });

    it('runs once for a visitor message however often Crisp repeats it, and not for other events', async () => {
      const body = hook('message:send', 'Where is my order?');
      const first = await deliver(body, await signed(body));
      expect(first).toMatchObject({ status: 200, body: { duplicates: 0, filtered: 0 } });
      expect(first.body.runIds).toHaveLength(1);
      expect((await deliver(body, await signed(body))).body).toMatchObject({ runIds: [], duplicates: 1 });
      const other = hook('session:set_state', 'ignored');
      expect((await deliver(other, await signed(other))).body).toMatchObject({ runIds: [], filtered: 1 });
      const runs = await waitForRuns(server, recipe.id, 1);
      expect(runs.map((run) => run.status)).toEqual(['succeeded']);
      expect(fake.messages.at(-1)).toMatchObject({ type: 'note', from: 'operator', content: 'Seen: Where is my order?' });
      expect(server.logTail(5000)).not.toContain(tokenKey);
      expect(server.logTail(5000)).not.toContain(signingSecret);
    });
  });
});
