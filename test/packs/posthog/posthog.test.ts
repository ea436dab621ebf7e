import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness, type StepTest } from '../../support/pack-step-harness.js';
import { listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectPosthog, meaning, personalKey, projectKey, sdkRequests, webhookSecret } from './posthog-connection.js';
import { PosthogFake, type PosthogRequest } from './posthog-fake.js';

const at = '2024-06-01T12:00:00.000Z';
const uuid = '0190d5a8-6d3e-7c4e-9f1a-2b3c4d5e6f70';

/**
 * The PostHog pack against a local fake of PostHog: each event and flag action run through the builder's
 * step test and the same operation run by posthog-node pointed at the same fake; the requests must agree in
 * method, path, query, media type, auth (none: the project key rides in the body) and decoded body (the
 * SDK gzips; the fake decodes), apart from the SDK's own $lib markers. Annotations (no SDK method) follow
 * the documented contract with the personal key. Webhook destinations verified by the shared secret.
 */
describe('PostHog pack', () => {
  const own = useResources('all');
  let fake: PosthogFake;
  let server: SwitchyardProcess;
  let connection = '';

  beforeAll(async () => {
    fake = own(await PosthogFake.start({ project: projectKey, personal: personalKey, projectId: '12345' }));
    fake.flags.set('new-checkout', { enabled: true, variant: 'test', payload: { color: 'blue' } });
    server = own(await SwitchyardProcess.launch());
    const connected = await connectPosthog(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
  });

  it('refuses a wrong project API key with PostHog’s message', async () => {
    const refused = await connectPosthog(server, fake, 'phc_wrong');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('PostHog refused the key (HTTP 401: Project API key invalid.');
    expect(fake.requestsTo('POST', '/flags/').at(-1)!.json).toEqual({ token: 'phc_wrong', distinct_id: 'switchyard-connection-test' });
  });

  describe('actions match posthog-node', () => {
    const steps = {
      capture: { use: 'posthog/capture-event', input: { event: 'subscription upgraded', distinct_id: 'user_42', properties: { plan: 'pro', seats: 5, $set: { plan: 'pro' } }, timestamp: at, uuid } },
      identify: { use: 'posthog/identify-person', input: { distinct_id: 'user_42', set: { email: 'grace@example.com' }, set_once: { first_plan: 'free' }, anon_distinct_id: 'anon_7' } },
      alias: { use: 'posthog/create-alias', input: { distinct_id: 'user_42', alias: 'backend-42' } },
      group: { use: 'posthog/identify-group', input: { group_type: 'company', group_key: 'acme-inc', properties: { name: 'Acme Inc', seats: 40 } } },
      flag: {
        use: 'posthog/evaluate-feature-flag',
        input: { flag_key: 'new-checkout', distinct_id: 'user_42', person_properties: { plan: 'pro' }, groups: { company: 'acme-inc' }, group_properties: { company: { $group_key: 'acme-inc', seats: 40 } } },
      },
      capture_bad: { use: 'posthog/capture-event', input: { event: 'x', distinct_id: '' } },
      annotate: { use: 'posthog/create-annotation', input: { content: 'Deployed web-frontend@2.4.2', date_marker: '2024-06-01T13:10:00Z', scope: 'project' } },
      annotate_long: { use: 'posthog/create-annotation', input: { content: 'x'.repeat(401), date_marker: '2024-06-01T13:10:00Z' } },
    };
    let harness: PackStepHarness<PosthogRequest, Record<string, unknown>, keyof typeof steps>;

    beforeAll(async () => {
      harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every PostHog action', connection, steps });
    });

    async function expectLikeSdk(stepId: keyof typeof steps, call: Parameters<typeof sdkRequests>[1], timing = false): Promise<StepTest> {
      const { result, request } = await harness.runOneRequestStep(stepId);
      const theirs = await sdkRequests(fake, call);
      expect(theirs).toHaveLength(1);
      expect(meaning(request, { timing })).toEqual(meaning(theirs[0]!, { timing }));
      expect(request.headers['authorization']).toBeUndefined();
      return result;
    }

    it('captures an event with its time and uuid as posthog-node does (gzip decoded)', async () => {
      const result = await expectLikeSdk(
        'capture',
        (client) => client.capture({ distinctId: 'user_42', event: 'subscription upgraded', properties: { plan: 'pro', seats: 5, $set: { plan: 'pro' } }, timestamp: new Date(at), uuid }),
        true,
      );
      expect(result.output).toEqual({ status: 'Ok' });
      expect(fake.requestsTo('POST', '/batch/').at(-1)!.headers['content-encoding']).toBe('gzip');
      expect(fake.events.at(-2)).toEqual({ event: 'subscription upgraded', distinct_id: 'user_42', properties: { plan: 'pro', seats: 5, $set: { plan: 'pro' } }, timestamp: at, uuid });
    });

    it('identifies a person, aliases them and identifies a group as posthog-node does', async () => {
      await expectLikeSdk('identify', (client) => client.identify({ distinctId: 'user_42', properties: { $set: { email: 'grace@example.com' }, $set_once: { first_plan: 'free' }, $anon_distinct_id: 'anon_7' } }));
      await expectLikeSdk('alias', (client) => client.alias({ distinctId: 'user_42', alias: 'backend-42' }));
      await expectLikeSdk('group', (client) => client.groupIdentify({ groupType: 'company', groupKey: 'acme-inc', properties: { name: 'Acme Inc', seats: 40 } }));
      expect(fake.events.find((event) => event['event'] === '$groupidentify')).toMatchObject({ distinct_id: '$company_acme-inc' });
    });

    it('evaluates a flag with the request posthog-node makes, and outputs its value and payload', async () => {
      let sdk: { variant?: string | undefined; enabled: boolean; payload?: unknown } | undefined;
      const result = await expectLikeSdk('flag', async (client) => {
        const options = { personProperties: { plan: 'pro' }, groups: { company: 'acme-inc' }, groupProperties: { company: { seats: 40 } }, sendFeatureFlagEvents: false };
        sdk = await client.getFeatureFlagResult('new-checkout', 'user_42', options);
      });
      const flag = (result.output as Record<string, { enabled: boolean; variant: string; metadata: { payload: string } }>)['new-checkout']!;
      expect(sdk).toMatchObject({ enabled: true, variant: 'test', payload: { color: 'blue' } });
      expect(flag.variant).toBe(sdk!.variant);
      expect(flag.enabled).toBe(sdk!.enabled);
      expect(JSON.parse(flag.metadata.payload)).toEqual(sdk!.payload);
    });

    it('creates an annotation on the private API with the personal key', async () => {
      const { result, request } = await harness.runOneRequestStep('annotate');
      expect(request).toMatchObject({ method: 'POST', path: '/api/projects/12345/annotations/', query: [] });
      expect(request.headers['authorization']).toBe(`Bearer ${personalKey}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.json).toEqual({ content: 'Deployed web-frontend@2.4.2', date_marker: '2024-06-01T13:10:00Z', scope: 'project', creation_type: 'USR' });
      expect(result.output).toMatchObject({ id: 1, content: 'Deployed web-frontend@2.4.2', scope: 'project' });
    });

    it("uses the personal key's current project when the connection names none", async () => {
      const created = await server.api<{ connection: { id: string } }>('POST', '/connections', {
        packId: 'posthog',
        name: 'PostHog (no project id)',
        fields: { host: fake.url, project_api_key: projectKey, personal_api_key: personalKey },
      });
      expect(created.status).toBe(201);
      const imported = await server.api<{ id: string }>('POST', '/recipes/import', {
        name: 'Annotate the current project',
        trigger: { use: 'core/manual' },
        steps: [{ id: 'annotate', use: 'posthog/create-annotation', connection: created.body.connection.id, input: { content: 'Campaign live', date_marker: '2024-06-02T09:00:00Z' } }],
      });
      const answer = await server.api<StepTest>('POST', `/recipes/${imported.body.id}/steps/annotate/test`, { sample: { steps: {} } });
      expect(answer.body).toMatchObject({ ok: true, output: { content: 'Campaign live', scope: 'project' } });
      expect(fake.requests.at(-1)!.path).toBe('/api/projects/%40current/annotations/');
    });

    it("turns PostHog's error bodies into sentences", async () => {
      expect((await harness.runOneRequestStep('annotate_long')).result.error?.message).toBe('PostHog answered 400: Ensure this field has no more than 400 characters.');
      expect((await harness.runOneRequestStep('capture_bad')).result.error?.message).toBe('PostHog answered 400: Invalid payload: distinct_id is missing');
    });
  });

  describe('webhook destinations', () => {
    const destinationBody = (uuidValue: string, event: string) =>
      JSON.stringify({ event: { uuid: uuidValue, event, distinct_id: 'user_42', properties: { plan: 'pro' }, timestamp: at }, person: { id: 'p1', properties: { email: 'grace@example.com' } } });
    const deliver = async (path: string, body: string, authorization?: string) => {
      const answer = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization && { authorization }) }, body });
      return { status: answer.status, body: (await answer.json()) as { runIds?: string[]; duplicates?: number; filtered?: number } };
    };

    it('runs once per event uuid for the right secret, and refuses anything else', async () => {
      const recipe = await publishRecipe(server, {
        name: 'PostHog events annotate',
        trigger: { use: 'posthog/destination-event', connection },
        steps: [{ id: 'note', use: 'posthog/create-annotation', connection, input: { content: '{{trigger.event.event}} by {{trigger.person.properties.email}}', date_marker: '{{trigger.event.timestamp}}' } }],
      });
      const body = destinationBody('0190-a', 'subscription upgraded');
      for (const authorization of [undefined, `Bearer ${webhookSecret}x`, webhookSecret, `Basic ${webhookSecret}`, 'Bearer ']) {
        expect((await deliver(recipe.hookPath, body, authorization)).status).toBe(401);
      }
      expect(await listRuns(server, recipe.id)).toHaveLength(0);
      expect((await deliver(recipe.hookPath, body, `Bearer ${webhookSecret}`)).body).toMatchObject({ runIds: [expect.any(String)], duplicates: 0 });
      expect((await deliver(recipe.hookPath, body, `Bearer ${webhookSecret}`)).body).toMatchObject({ runIds: [], duplicates: 1 });
      const [run] = await waitForRuns(server, recipe.id, 1);
      expect(run!.status).toBe('succeeded');
      expect(fake.annotations.at(-1)).toMatchObject({ content: 'subscription upgraded by grace@example.com', date_marker: at });
      expect(server.logTail(5000)).not.toContain(webhookSecret);
    });

    it('keeps only the named events', async () => {
      const recipe = await publishRecipe(server, {
        name: 'Only upgrades',
        trigger: { use: 'posthog/named-event', connection, input: { event_names: 'subscription upgraded, $pageview' } },
        steps: [{ id: 'flag', use: 'posthog/evaluate-feature-flag', connection, input: { flag_key: 'new-checkout', distinct_id: '{{trigger.event.distinct_id}}' } }],
      });
      const auth = `Bearer ${webhookSecret}`;
      expect((await deliver(recipe.hookPath, destinationBody('0190-b', 'subscription upgraded'), auth)).body).toMatchObject({ runIds: [expect.any(String)] });
      expect((await deliver(recipe.hookPath, destinationBody('0190-c', '$pageview'), auth)).body).toMatchObject({ runIds: [expect.any(String)] });
      expect((await deliver(recipe.hookPath, destinationBody('0190-d', 'subscription cancelled'), auth)).body).toMatchObject({ runIds: [], filtered: 1 });
      expect((await waitForRuns(server, recipe.id, 2)).map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    });
  });
});
