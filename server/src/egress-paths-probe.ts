import { networkInterfaces } from 'node:os';
import { packManifestSchema } from '@switchyard/connectors';
import pino from 'pino';
import { createOAuth2Client } from './connections/oauth2-client.js';
import { createVendorClient } from './connections/create-vendor-client.js';
import { createAllowList } from './egress/address-policy.js';
import { createEgressClient } from './egress/create-egress-client.js';
import { startTestServer } from './egress/start-test-server.js';
import { egressPaths, egressTargets, type EgressPath, type EgressPathOutcome, type EgressPathsReport, type EgressTarget } from './egress-paths-cases.js';
import { downloadPackBytes } from './registry/download-pack-bytes.js';
import { fetchPackSource } from './registry/fetch-pack-source.js';
import { codeStep } from './steps/code-step.js';
import type { StepContext } from './steps/define-step.js';
import { httpStep } from './steps/http-step.js';
import type { Database } from './storage/database.js';

/**
 * Test-only: run by egress-paths-netns.test.ts from server/dist inside `unshare --net` (only `lo`). Sends
 * every outbound path of Switchyard — the code the engine, connections and pack installer run, wired to
 * one egress client as main.ts wires it (allow-list: 127.0.0.1, as in the e2e tests) — to an allowed
 * loopback server and to private targets, and prints what each answered as JSON. The test judges.
 */

const server = await startTestServer((request, response) => {
  if (request.url?.startsWith('/redirect')) {
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
    response.end();
    return;
  }
  // One answer fits every caller: a JSON body with an access token (OAuth) that is also a YAML document.
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ access_token: 'at', token_type: 'bearer' }));
});
const allow = ['127.0.0.1'];
const egress = createEgressClient({ allow, defaultTimeoutMs: 5_000 });
const log = pino({ level: 'silent' });
// No pack here declares a throttle, so the database is never touched.
const vendor = createVendorClient({ egress, database: {} as Database, now: () => Date.now(), log });
const oauth = createOAuth2Client(egress);
const stepContext = { egress, signal: new AbortController().signal, now: () => Date.now(), idempotencyKey: 'probe-key' } as StepContext;

const targets: Record<EgressTarget, string> = {
  control: `${server.url}/thing`,
  'metadata address': 'http://169.254.169.254/latest/meta-data/',
  '10/8': 'http://10.0.0.1/thing',
  'redirect to metadata address': `${server.url}/redirect`,
};

/** Pack downloads take https only from hosts that are not allow-listed, so private targets go as https (the guard refuses before TLS). */
const asDownload = (url: string) => (url.startsWith(server.url) ? url : url.replace(/^http:/, 'https:'));

const send: Record<EgressPath, (url: string) => Promise<string>> = {
  async 'core/http step'(url) {
    const outcome = await httpStep.run(httpStep.input.parse({ url, timeoutMs: 5_000 }), stepContext);
    return `status ${(outcome as { output: { status: number } }).output.status}`;
  },
  async 'core/code fetch'(url) {
    const code = `const answer = await fetch(${JSON.stringify(url)}); return answer.status`;
    const outcome = await codeStep.run(codeStep.input.parse({ code, timeoutMs: 5_000 }), stepContext);
    return `status ${String((outcome as { output: { result: unknown } }).output.result)}`;
  },
  async 'pack request'(url) {
    const target = new URL(url);
    const pack = packManifestSchema.parse({
      id: 'probe',
      name: 'Probe',
      version: '1.0.0',
      engine: '^1.0.0',
      baseUrl: target.origin,
      auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key' },
    });
    const connection = { id: 'con_probe', packId: 'probe', fields: { api_key: 'probe-key' } };
    const response = await vendor.send({ pack, connection, request: { method: 'GET', path: target.pathname }, scope: { input: {} } });
    return `status ${response.status}`;
  },
  async 'OAuth token call'(url) {
    const token = await oauth.requestToken({ tokenUrl: url, clientId: 'probe', clientSecret: 's', clientAuth: 'basic', params: { grant_type: 'refresh_token', refresh_token: 'r' } });
    return `token ${token.accessToken}`;
  },
  async 'pack download (URL)'(url) {
    const download = await downloadPackBytes({ egress, allowList: createAllowList(allow), npmRegistry: 'https://registry.npmjs.org' }, asDownload(url), { maxBytes: 1024 * 1024 });
    return `bytes ${download.body.length}`;
  },
  async 'pack download (npm)'(url) {
    // The registry itself is the target: the packument request is the first call out.
    const registry = asDownload(url).replace(/\/thing$/, '');
    await fetchPackSource({ egress, allowList: createAllowList(allow), npmRegistry: registry }, 'npm:probe-pack');
    return 'installed';
  },
};

async function attempt(path: EgressPath, target: EgressTarget): Promise<EgressPathOutcome> {
  try {
    return { path, target, code: 'ok', message: await send[path](targets[target]) };
  } catch (error) {
    const failure = error as Error & { code?: unknown };
    return { path, target, code: typeof failure.code === 'string' ? failure.code : failure.name, message: failure.message };
  }
}

try {
  const report: EgressPathsReport = { interfaces: Object.keys(networkInterfaces()), outcomes: [] };
  for (const path of egressPaths) for (const target of egressTargets) report.outcomes.push(await attempt(path, target));
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await egress.close();
  await server.close();
}
