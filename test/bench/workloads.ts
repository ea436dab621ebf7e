/** The recipes and delivery bodies of the two workloads. */

const webhookTrigger = { use: 'core/webhook', input: { dedupe: '{{body.id}}', response: { mode: 'accepted' } } };

/** W1: webhook → one formatter step. */
export const w1Recipe = (name: string) => ({
  name,
  trigger: webhookTrigger,
  steps: [{ id: 'upper', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.name}}' } }],
});

/** W2: webhook → formatter → filter (passes) → POST to the sink. */
export const w2Recipe = (name: string, sinkUrl: string) => ({
  name,
  trigger: webhookTrigger,
  steps: [
    { id: 'upper', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.name}}' } },
    { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] } },
    {
      id: 'post',
      use: 'core/http',
      input: { method: 'POST', url: sinkUrl, json: { id: '{{trigger.body.id}}', name: '{{steps.upper.value}}', amount: '{{trigger.body.amount}}' } },
    },
  ],
});

/** A delivery body with a dedupe id unique to (phase, i). */
export const deliveryBody = (phase: string) => (i: number) =>
  `{"id":"${phase}-${i}","name":"customer ${i}","amount":${200 + (i % 1000)},"email":"c${i}@example.test","items":[{"sku":"A-1","qty":2}]}`;
