import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { Sink, type SinkRequest } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

const examplePack = fileURLToPath(new URL('../../connectors/examples/acme-crm.pack.yaml', import.meta.url));
const apiKey = 'acme_live_2f9c1e';
const webhookSecret = 'acme_whsec_71d0';

const sign = (body: string, secret = webhookSecret) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * The proof: the data-only example pack (connectors/examples/acme-crm.pack.yaml) installed through
 * the CLI, a connection made through the API (its test request runs against the fake), and a recipe
 * "Acme contact created (verified webhook) → Acme create contact" running end to end against a local fake
 * of Acme's API with the API key applied, the pack's throttle (10 requests a second) respected and the
 * idempotency key sent.
 */
describe('a recipe on an imported data-only pack', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let acme: Sink;

  beforeAll(async () => {
    acme = own(await Sink.start());
    acme.script('/me', [], { status: 200, body: { data: { id: 'usr_1' } } });
    acme.script('/contacts', [], (request) => ({ status: 201, body: { data: { id: `ct_${request.seq}`, ...(request.json as object) } } }));
    server = own(await SwitchyardProcess.launch());
  });

  it('installs, connects, verifies deliveries and calls the vendor within its throttle', async () => {
    const added = await server.cli(['packs', 'add', examplePack]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('acme-crm');

    // A wrong key: the pack's test request fails and nothing is stored.
    acme.script('/me', [{ status: 401, body: { error: { code: 'unauthorized', message: 'Invalid API key' } } }], { status: 200, body: { data: { id: 'usr_1' } } });
    const refused = await server.api<{ error: { message: string } }>('POST', '/connections', {
      packId: 'acme-crm', name: 'Acme (typo)', fields: { base_url: acme.url, api_key: 'wrong', webhook_secret: webhookSecret },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('Acme refused the API key');

    const created = await server.api<{ connection: { id: string; status: string; secrets: { key: string; set: boolean }[] } }>('POST', '/connections', {
      packId: 'acme-crm', name: 'Acme', fields: { base_url: acme.url, api_key: apiKey, webhook_secret: webhookSecret },
    });
    expect(created.status).toBe(201);
    expect(created.body.connection.status).toBe('ok');
    expect(JSON.stringify(created.body)).not.toContain(apiKey);
    const connection = created.body.connection.id;

    const recipe = await publishRecipe(server, {
      name: 'New Acme contacts, copied back with a tag',
      trigger: { use: 'acme-crm/contact-created', connection },
      steps: [
        {
          id: 'copy',
          use: 'acme-crm/create-contact',
          connection,
          input: { email: 'copy+{{trigger.data.email}}', first_name: '{{trigger.data.first_name}}', tags: 'copied, e2e' },
        },
      ],
    });
    expect(recipe.hookPath).toMatch(/^\/hooks\//);

    // The saved recipe pins the pack's major version.
    const saved = await server.api<{ definition: { steps: { use: string }[]; trigger: { use: string } } }>('GET', `/recipes/${recipe.id}`);
    expect(saved.body.definition.steps[0]!.use).toBe('acme-crm/create-contact@1');

    const delivery = (n: number) =>
      JSON.stringify({
        events: [
          { id: `evt_${n}`, type: 'contact.created', data: { id: `ct_src_${n}`, email: `user${n}@example.com`, first_name: `User ${n}` } },
          { id: `evt_${n}_u`, type: 'contact.updated', data: { id: `ct_src_${n}` } },
        ],
      });
    const post = async (body: string, signature: string) => {
      const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-acme-signature': signature },
        body,
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };

    // Unsigned, wrongly signed and malformed signatures are refused before anything is stored.
    for (const signature of ['', sign(delivery(0), 'not the secret'), 'sha256=zz', 'sha1=abc']) {
      expect((await post(delivery(0), signature)).status).toBe(401);
    }

    const deliveries = 25;
    for (let n = 1; n <= deliveries; n++) {
      const body = delivery(n);
      const answer = await post(body, sign(body));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ accepted: true, filtered: 1 });
    }
    // A redelivery (same event id) starts no second run.
    const again = delivery(1);
    expect((await post(again, sign(again))).body).toMatchObject({ runIds: [], duplicates: 1 });

    const runs = await waitForRuns(server, recipe.id, deliveries, 60_000);
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'succeeded'));
    const detail = await getRun(server, runs[0]!.id);
    expect(detail.steps[0]!.output).toMatchObject({ id: expect.stringMatching(/^ct_/), tags: ['copied', 'e2e'] });

    const creates = acme.requestsTo('/contacts');
    expect(creates).toHaveLength(deliveries);
    for (const request of creates) {
      expect(request.headers['x-api-key']).toBe(apiKey);
      expect(request.headers['acme-version']).toBe('2024-06-01');
      expect(request.idempotencyKey).toMatch(/\S{8,}/);
    }
    expect(new Set(creates.map((request) => (request.json as { email: string }).email)).size).toBe(deliveries);
    // Slots are 100 ms apart; arrival is measured at the fake, so allow 150 ms of network and event-loop jitter.
    expect(maxInAnyWindow(creates, 850)).toBeLessThanOrEqual(10);

    // Nothing the server printed holds the key or the signing secret.
    expect(server.logTail(10_000)).not.toContain(apiKey);
    expect(server.logTail(10_000)).not.toContain(webhookSecret);
  });
});

/** The most requests that arrived within any window of `ms` (the throttle's promise, checked by counting). */
function maxInAnyWindow(requests: SinkRequest[], ms: number): number {
  const times = requests.map((request) => request.receivedAt).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
