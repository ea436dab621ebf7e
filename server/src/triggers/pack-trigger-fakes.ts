import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { packManifestSchema, type PackManifestInput, type PackTrigger } from '@switchyard/connectors';
import pino from 'pino';
import type { ResolvedConnection } from '../connections/resolved-connection.js';
import type { VendorCall, VendorResponse } from '../connections/vendor-client.js';
import { readBodyPath } from '../connections/read-body-path.js';
import { createSecretBox } from '../connections/secret-box.js';
import { createDeliveryQueue } from '../runs/delivery-queue.js';
import type { Database } from '../storage/database.js';
import { renderTemplate } from '../templates/index.js';
import type { PackTriggerServices } from './pack-trigger-services.js';
import type { TriggerDeps } from './trigger-deps.js';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  json: unknown;
  scope: Record<string, unknown>;
}

/**
 * In-memory stand-ins for the registry, connection store and vendor client, for trigger tests: the pack
 * is `acme` (major 1); `answer` decides each vendor response from the rendered request.
 */
export function packTriggerFakes(
  database: Database,
  pack: { triggers: PackTrigger[] | PackManifestInput['triggers']; auth?: PackManifestInput['auth'] },
  options: { now?: () => number; connectionFields?: Record<string, unknown> } = {},
) {
  const manifest = packManifestSchema.parse({
    id: 'acme',
    name: 'Acme',
    version: '1.2.0',
    engine: '^1.0.0',
    baseUrl: 'https://api.acme.test',
    auth: pack.auth ?? { kind: 'bearer' },
    triggers: pack.triggers,
  });
  const calls: RecordedCall[] = [];
  let answer: (call: RecordedCall) => VendorResponse | Promise<VendorResponse> = () => ({ status: 200, headers: {}, body: {} });
  const connection: ResolvedConnection = { id: 'con_1', packId: 'acme', fields: options.connectionFields ?? { token: 't0ken' } };
  const render = (call: VendorCall): RecordedCall => {
    const scope = { ...call.scope, connection: call.connection?.fields ?? {} };
    const query = Object.fromEntries(
      Object.entries((renderTemplate(call.request.query ?? {}, scope) as Record<string, unknown>) ?? {}).filter(([, v]) => v !== '' && v !== null),
    );
    return { method: call.request.method, path: String(renderTemplate(call.request.path, scope)), query, json: renderTemplate(call.request.json, scope), scope };
  };
  const packs: PackTriggerServices = {
    registry: {
      action: async () => undefined,
      pack: async () => ({ manifest, version: manifest.version, major: 1 }),
      trigger: async (use) => {
        const match = /^acme\/([a-z0-9-]+)(?:@1)?$/.exec(use);
        const trigger = match && manifest.triggers.find((t) => t.key === match[1]);
        return trigger ? { manifest, trigger, version: manifest.version, major: 1 } : undefined;
      },
    },
    connections: {
      resolve: async (id) => {
        if (id !== connection.id) throw new Error(`no connection ${id}`);
        return connection;
      },
      refreshAfterUnauthorized: async (stale) => stale,
    },
    box: createSecretBox(randomBytes(32)),
    vendor: {
      send: async (call) => {
        const recorded = render(call);
        calls.push(recorded);
        return answer(recorded);
      },
      sendPaginated: async (call, pagination) => {
        const items: unknown[] = [];
        let pages = 0;
        let cursor: unknown;
        do {
          const recorded = render(call);
          if (cursor !== undefined && pagination.type === 'cursor') recorded.query[pagination.param] = cursor;
          calls.push(recorded);
          const { body } = await answer(recorded);
          items.push(...((readBodyPath(body, pagination.items) as unknown[]) ?? []));
          pages += 1;
          cursor = pagination.type === 'cursor' ? readBodyPath(body, pagination.cursor) : undefined;
        } while (cursor && pages < pagination.maxPages);
        return { items, pages };
      },
    },
  };
  let clock = options.now ?? (() => 1_000_000);
  const deps: TriggerDeps = {
    database,
    deliveries: createDeliveryQueue(database, () => clock()),
    log: pino({ level: 'silent' }),
    now: () => clock(),
    publicUrl: 'https://switchyard.test',
    events: new EventEmitter(),
    onEnqueued: () => {},
    runTimeoutMs: 60_000,
    packs,
  };
  return {
    manifest,
    packs,
    deps,
    calls,
    connection,
    setClock(now: () => number) {
      clock = now;
    },
    answerWith(next: typeof answer) {
      answer = next;
    },
  };
}
