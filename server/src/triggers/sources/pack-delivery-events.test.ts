import { describe, expect, it } from 'vitest';
import { packDeliveryEvents } from './pack-delivery-events.js';

const scope = (body: unknown, headers: Record<string, string> = {}) => ({ headers, body, query: {}, input: { types: ['a', 'b'] } });

describe('packDeliveryEvents', () => {
  it('splits a batch into one event per item, keyed by delivery id and index', () => {
    const result = packDeliveryEvents({ events: 'events' }, scope({ events: [{ n: 1 }, { n: 2 }] }, { 'webhook-id': 'd1' }), 1);
    expect(result).toEqual({ ok: true, filtered: 0, events: [{ event: { n: 1 }, dedupeKey: 'd1:0' }, { event: { n: 2 }, dedupeKey: 'd1:1' }] });
  });

  it('keeps only events whose value is one of a list or of a templated list', () => {
    const body = { events: [{ type: 'a' }, { type: 'c' }, { type: 'b' }] };
    const literal = packDeliveryEvents({ events: 'events', filter: { value: '{{event.type}}', oneOf: ['c'] } }, scope(body), 1);
    expect(literal.ok && literal.events.map((e) => e.event)).toEqual([{ type: 'c' }]);
    const templated = packDeliveryEvents({ events: 'events', filter: { value: '{{event.type}}', oneOf: '{{input.types}}' } }, scope(body), 1);
    expect(templated.ok && [templated.events.length, templated.filtered]).toEqual([2, 1]);
  });

  it('uses the dedupe template per event and refuses a body without the declared list', () => {
    const result = packDeliveryEvents({ events: 'items', dedupe: 'evt-{{event.id}}' }, scope({ items: [{ id: 7 }] }), 1);
    expect(result.ok && result.events[0]?.dedupeKey).toBe('evt-7');
    expect(packDeliveryEvents({ events: 'items' }, scope({ other: 1 }), 1)).toEqual({ ok: false, message: 'the body has no list of events at "items"' });
  });

  it('adds the named delivery headers to each object event as headers, which filter and dedupe see too', () => {
    const headers = { 'x-github-event': 'issues', 'x-github-delivery': 'g-1', 'x-hub-signature-256': 'sha256=00' };
    const spec = { eventHeaders: ['X-GitHub-Event', 'x-github-delivery', 'x-absent'], filter: { value: '{{event.headers.x-github-event}}', oneOf: ['issues'] }, dedupe: '{{event.headers.x-github-delivery}}' };
    const result = packDeliveryEvents(spec, scope({ action: 'opened' }, headers), 1);
    expect(result).toEqual({ ok: true, filtered: 0, events: [{ event: { action: 'opened', headers: { 'x-github-event': 'issues', 'x-github-delivery': 'g-1' } }, dedupeKey: 'g-1' }] });
    expect(packDeliveryEvents(spec, scope({ action: 'opened' }, { ...headers, 'x-github-event': 'push' }), 1)).toMatchObject({ events: [], filtered: 1 });
    expect(packDeliveryEvents({ eventHeaders: ['x-github-event'] }, scope(['a'], headers), 1)).toMatchObject({ events: [{ event: ['a'] }] });
    expect(packDeliveryEvents({}, scope({ action: 'opened' }, headers), 1)).toMatchObject({ events: [{ event: { action: 'opened' } }] });
  });
});
