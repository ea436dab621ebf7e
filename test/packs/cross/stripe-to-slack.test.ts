import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { botToken, connectSlack } from '../slack/slack-connection.js';
import { SlackFake } from '../slack/slack-fake.js';
import { connectStripe, pinnedApiVersion, secretKey, stripeSdk } from '../stripe/stripe-connection.js';
import { StripeFake } from '../stripe/stripe-fake.js';

const webhookSecret = 'whsec_test_0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f';

/**
 * The example, across two packs on their fakes: "Stripe payment succeeded → filter on amount → Slack
 * message". Stripe signs the deliveries (its SDK), Slack's fake checks the bot token and records the message.
 */
describe('recipe: Stripe payment succeeded → amount ≥ 100.00 → Slack message', () => {
  const own = useResources('all');
  let stripe: StripeFake;
  let slack: SlackFake;
  let server: SwitchyardProcess;

  beforeAll(async () => {
    stripe = own(await StripeFake.start(secretKey));
    slack = own(await SlackFake.start(botToken));
    server = own(await SwitchyardProcess.launch());
  });

  it('posts one message per big payment, none for small ones, retries or forgeries', async () => {
    const sdk = stripeSdk(stripe, await pinnedApiVersion(server));
    const stripeConnection = await connectStripe(server, stripe, { webhook_secret: webhookSecret });
    const slackConnection = await connectSlack(server, slack);
    expect(slackConnection.status).toBe(201);
    const channel = slack.addChannel('sales');

    const recipe = await publishRecipe(server, {
      name: 'Big payments to #sales',
      trigger: { use: 'stripe/event', connection: stripeConnection, input: { event_types: ['payment_intent.succeeded'] } },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.data.object.amount}}', op: 'gte', right: 10000 }] } },
        {
          id: 'tell_sales',
          use: 'slack/post-message',
          connection: slackConnection.id,
          input: { channel: channel.id, text: 'Payment of {{trigger.data.object.amount | divided_by: 100}} {{trigger.data.object.currency | upper}} received ({{trigger.data.object.id}})' },
        },
      ],
    });
    const deliver = async (payload: string, secret = webhookSecret) =>
      (await fetch(`${server.baseUrl}${recipe.hookPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': sdk.webhooks.generateTestHeaderString({ payload, secret }) },
        body: payload,
      })).status;

    const big = JSON.stringify(stripe.event('payment_intent.succeeded', stripe.addPaymentIntent({ amount: 25000, currency: 'usd' })));
    const small = JSON.stringify(stripe.event('payment_intent.succeeded', stripe.addPaymentIntent({ amount: 1999, currency: 'usd' })));
    expect([await deliver(big), await deliver(small), await deliver(big), await deliver(big, 'whsec_forged')]).toEqual([200, 200, 200, 401]);

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const posts = slack.calls('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['authorization']).toBe(`Bearer ${botToken}`);
    expect(posts[0]!.args).toMatchObject({ channel: channel.id, text: `Payment of 250 USD received (${String(JSON.parse(big).data.object.id)})` });
    const filtered = (await Promise.all(runs.map((run) => getRun(server, run.id)))).filter((run) => run.steps.every((step) => step.stepId !== 'tell_sales' || step.status !== 'succeeded'));
    expect(filtered).toHaveLength(1);
  });
});
