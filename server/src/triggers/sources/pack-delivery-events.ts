import type { PackTrigger } from '@switchyard/connectors';
import { readBodyPath } from '../../connections/read-body-path.js';
import { createId } from '../../storage/create-id.js';
import { renderTemplate } from '../../templates/index.js';
import { deliveryIdFromHeaders } from '../verification/webhook-id.js';

type DeliveryHandling = Pick<Extract<PackTrigger, { kind: 'webhook' | 'subscription' }>, 'events' | 'dedupe' | 'filter' | 'eventHeaders'>;

export type DeliveryEvents =
  | { ok: true; events: { event: unknown; dedupeKey: string }[]; filtered: number }
  | { ok: false; message: string };

function asKey(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The event with the delivery headers named by `eventHeaders` as its `headers` (an event that is not a JSON object stays as it is). */
function withEventHeaders(event: unknown, names: readonly string[] | undefined, headers: Record<string, string>): unknown {
  if (!names?.length || typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  const picked = names.flatMap((name) => {
    const key = name.toLowerCase();
    return headers[key] === undefined ? [] : [[key, headers[key]] as const];
  });
  return { ...event, headers: Object.fromEntries(picked) };
}

/**
 * Turns one verified delivery into events: the `events` list split into one event per item (else the
 * body is the event), the `eventHeaders` added to each, those the `filter` rejects dropped, each with its
 * dedupe key (the `dedupe` template, else the vendor's delivery id header plus the item's index, else
 * unique). `scope` is what the templates see besides `event`: `headers`, `query`, `body`, `input`, `connection`.
 */
export function packDeliveryEvents(spec: DeliveryHandling, scope: { headers: Record<string, string>; body: unknown } & Record<string, unknown>, now: number): DeliveryEvents {
  let items: unknown[] = [scope.body];
  if (spec.events !== undefined) {
    const list = readBodyPath(scope.body, spec.events);
    if (!Array.isArray(list)) return { ok: false, message: `the body has no list of events at "${spec.events}"` };
    items = list;
  }
  const deliveryId = deliveryIdFromHeaders(scope.headers);
  let filtered = 0;
  const events: { event: unknown; dedupeKey: string }[] = [];
  items.forEach((item, index) => {
    const event = withEventHeaders(item, spec.eventHeaders, scope.headers);
    const eventScope = { ...scope, event };
    if (spec.filter && !passes(spec.filter, eventScope)) {
      filtered += 1;
      return;
    }
    const declared = spec.dedupe === undefined ? undefined : safeRender(spec.dedupe, eventScope);
    const dedupeKey = asKey(declared) ?? (deliveryId !== null ? `${deliveryId}:${index}` : createId('dlv', now));
    events.push({ event, dedupeKey });
  });
  return { ok: true, events, filtered };
}

function safeRender(template: string, scope: Record<string, unknown>): unknown {
  try {
    return renderTemplate(template, scope);
  } catch {
    return undefined;
  }
}

/** `value` must render to one of `oneOf`: a list, or a template rendering to a list (a multiselect input). */
function passes(filter: NonNullable<DeliveryHandling['filter']>, scope: Record<string, unknown>): boolean {
  const value = safeRender(filter.value, scope);
  const allowed = Array.isArray(filter.oneOf) ? filter.oneOf : safeRender(filter.oneOf, scope);
  if (!Array.isArray(allowed) || value === undefined || value === null) return false;
  return allowed.some((entry) => String(entry) === String(value));
}
