import { normalizePack, packManifestSchema, type PackManifestInput } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import type { ConnectionAuth } from '../connections/resolved-connection.js';
import type { VendorCall, VendorClient } from '../connections/vendor-client.js';
import type { PackRegistry, ResolvedAction } from '../registry/pack-registry.js';
import type { StepContext } from '../steps/define-step.js';
import { findStep, stepSideEffect } from './find-step.js';
import { packActionStep } from './pack-action-step.js';
import { toFailure } from './to-step-error.js';

// Normalised as installing does: every action then declares its side effect.
const manifest = (extra: Partial<PackManifestInput> = {}) =>
  normalizePack(packManifestSchema.parse({
    id: 'acme', name: 'Acme', version: '2.1.0', engine: '^1.0.0', baseUrl: 'https://api.acme.test', auth: { kind: 'bearer' },
    actions: [
      { key: 'get-contact', name: 'Get contact', input: [{ key: 'id', label: 'Id', required: true }], request: { path: '/contacts/{{input.id}}' }, output: 'contact' },
      { key: 'find', name: 'Find', kind: 'search', request: { path: '/search' }, pagination: { type: 'cursor', items: 'hits', cursor: 'next', param: 'after' } },
      { key: 'ping', name: 'Ping', request: { method: 'POST', path: '/ping' } },
    ],
    ...extra,
  }));

/** An in-memory catalogue: every action of the given manifests, by `pack/key` and `pack/key@major`. */
function registryOf(...manifests: ReturnType<typeof manifest>[]): PackRegistry {
  const find = (use: string): ResolvedAction | undefined => {
    for (const m of manifests) {
      const major = Number(m.version.split('.')[0]);
      const action = m.actions.find((a) => use === `${m.id}/${a.key}` || use === `${m.id}/${a.key}@${major}`);
      if (action) return { manifest: m, version: m.version, major, action };
    }
    return undefined;
  };
  return {
    action: async (use) => find(use),
    trigger: async () => undefined,
    pack: async (id, major) => {
      const m = manifests.find((p) => p.id === id && (major === undefined || Number(p.version.split('.')[0]) === major));
      return m && { manifest: m, version: m.version, major: Number(m.version.split('.')[0]) };
    },
  };
}

function harness() {
  const calls: VendorCall[] = [];
  const vendor: VendorClient = {
    send: async (call) => (calls.push(call), { status: 200, headers: {}, body: { contact: { id: 'c1' } } }),
    sendPaginated: async (call) => (calls.push(call), { items: [1, 2, 3], pages: 2 }),
  };
  const connections: ConnectionAuth = {
    resolve: async (id, pack) => ({ id, packId: pack.id, fields: {}, accessToken: 'at' }),
    refreshAfterUnauthorized: async (stale) => ({ ...stale, accessToken: 'fresh' }),
  };
  return { calls, deps: { registry: registryOf(manifest()), connections, vendor } };
}

const ctx = (extra: Partial<StepContext> = {}) => ({ idempotencyKey: 'run_1-k', signal: new AbortController().signal, connectionId: 'con_1', ...extra }) as StepContext;

describe('pack action steps', () => {
  it('are found after core steps, keyed by their pinned use, with side effects by method', async () => {
    const { deps } = harness();
    const found = await findStep('acme/get-contact', deps);
    expect(found.ok && found.definition.key).toBe('acme/get-contact@2');
    expect(found.ok && found.definition.sideEffect).toBe(false);
    const ping = await findStep('acme/ping@2', deps);
    expect(ping.ok && ping.definition.sideEffect).toBe(true);
    expect((await findStep('core/filter', deps)).ok).toBe(true);
    // What replay previews list as running again with effects outside Switchyard.
    expect(await stepSideEffect('acme/ping@2', deps.registry)).toBe(true);
    expect(await stepSideEffect('acme/get-contact', deps.registry)).toBe(false);
    expect(await stepSideEffect('core/http', deps.registry)).toBe(true);
  });

  it('name what is missing: the action, the pack, or the pinned major', async () => {
    const { deps } = harness();
    expect(await findStep('acme/nope', deps)).toEqual({ ok: false, message: "no installed pack 'acme' has an action 'nope'" });
    expect(await findStep('zeta/x', deps)).toEqual({ ok: false, message: "no installed pack 'zeta' has an action 'x'" });
    expect(await findStep('acme/get-contact@1', deps)).toMatchObject({ ok: false, message: expect.stringMatching(/not major version 1/) });
  });

  it('call the vendor as the step connection and return the output path', async () => {
    const { deps, calls } = harness();
    const found = await findStep('acme/get-contact@2', deps);
    if (!found.ok) throw new Error(found.message);
    const outcome = await found.definition.run(found.definition.input.parse({ id: 'c1' }), ctx());
    expect(outcome).toEqual({ kind: 'done', output: { id: 'c1' } });
    expect(calls[0]).toMatchObject({ connection: { id: 'con_1', accessToken: 'at' }, scope: { input: { id: 'c1' } }, idempotency: undefined });
    expect(await calls[0]!.onUnauthorized!(calls[0]!.connection!)).toMatchObject({ accessToken: 'fresh' });
  });

  it('gather every page of a paginated search as { items }', async () => {
    const { deps, calls } = harness();
    const step = packActionStep((await deps.registry.action('acme/find'))!, deps);
    expect(await step.run({}, ctx())).toEqual({ kind: 'done', output: { items: [1, 2, 3] } });
    expect(calls).toHaveLength(1);
  });

  it('refuse to run without a connection when the pack needs one, for good', async () => {
    const { deps } = harness();
    const step = packActionStep((await deps.registry.action('acme/ping'))!, deps);
    const error = await step.run({}, ctx({ connectionId: undefined })).catch((e: unknown) => e);
    expect(toFailure(error)).toMatchObject({ code: 'CONNECTION_REQUIRED', message: 'this step needs a Acme connection', retryable: false });
  });
});
