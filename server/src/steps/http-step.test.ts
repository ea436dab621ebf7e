import { describe, expect, it } from 'vitest';
import type { EgressRequest } from '../egress/egress-client.js';
import type { StepContext } from './define-step.js';
import { httpStep } from './http-step.js';

/** Runs the step as the engine would (input parsed first) against an egress that records what it was asked to send. */
async function send(input: Record<string, unknown>): Promise<EgressRequest> {
  const sent: EgressRequest[] = [];
  const egress = {
    request: async (request: EgressRequest) => {
      sent.push(request);
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.from('ok'), url: request.url };
    },
    close: async () => {},
  };
  const ctx = { egress, idempotencyKey: 'idem-1', signal: new AbortController().signal, now: () => 0 } as unknown as StepContext;
  await httpStep.run(httpStep.input.parse({ method: 'POST', url: 'https://api.example.com/in', ...input }), ctx);
  return sent[0]!;
}

describe('core/http bodies', () => {
  it('sends JSON with its content type', async () => {
    const request = await send({ json: { total: 3 } });
    expect(request.body).toBe('{"total":3}');
    expect(request.headers!['content-type']).toBe('application/json');
  });

  it('sends a form urlencoded, values as text', async () => {
    const request = await send({ form: { name: 'Zoë & co', count: 2, paid: true } });
    expect(request.body).toBe('name=Zo%C3%AB+%26+co&count=2&paid=true');
    expect(request.headers!['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('sends raw text as plain text unless a Content-Type header says what it is', async () => {
    const plain = await send({ body: 'hello\nworld' });
    expect(plain.body).toBe('hello\nworld');
    expect(plain.headers!['content-type']).toBe('text/plain; charset=utf-8');
    const xml = await send({ body: '<a/>', headers: { 'Content-Type': 'application/xml' } });
    expect(xml.headers!['content-type']).toBe('application/xml');
  });

  it('takes one body at most', () => {
    const both = httpStep.input.safeParse({ url: 'https://api.example.com/in', json: {}, body: 'x' });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]?.message).toBe('give at most one of json, body and form');
  });
});
