import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createEgressClient } from './create-egress-client.js';
import type { EgressClient } from './egress-client.js';
import { netnsCases, type NetnsCase, type NetnsOutcome, type NetnsReport } from './netns-cases.js';
import { scriptedLookup } from './scripted-lookup.js';
import { startTestServer } from './start-test-server.js';

/**
 * Test-only: run by egress-netns.test.ts from server/dist inside `unshare --net` (only `lo`, up). Sends
 * every case of netns-cases.ts through the compiled egress client and prints a NetnsReport as JSON.
 * Nothing here judges the answers; the test does, so a failure shows in vitest, not in a child's exit code.
 */

// Short, so a guard bug that does reach a socket still ends promptly (in here it fails at once anyway).
const timeoutMs = 5_000;

function outcomeOf(name: string, error: unknown): NetnsOutcome {
  const failure = error as Error & { code?: unknown };
  return { name, code: typeof failure.code === 'string' ? failure.code : 'unknown', message: failure.message ?? String(error) };
}

async function attempt(name: string, client: EgressClient, url: string): Promise<NetnsOutcome> {
  try {
    const response = await client.request({ url, timeoutMs });
    return { name, code: 'ok', message: `status ${response.status}` };
  } catch (error) {
    return outcomeOf(name, error);
  }
}

function rawConnect(host: string, port: number): Promise<NetnsOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (outcome: NetnsOutcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.once('connect', () => done({ name: 'raw connect', code: 'ok', message: `connected to ${host}` }));
    socket.once('timeout', () => done({ name: 'raw connect', code: 'ETIMEDOUT', message: 'no answer' }));
    socket.once('error', (error) => done(outcomeOf('raw connect', error)));
  });
}

const redirectTargets = new Map(netnsCases.filter((c) => c.via === 'redirect').map((c, index) => [`/redirect/${index}`, c.url]));
const server = await startTestServer((request, response) => {
  const target = redirectTargets.get(request.url ?? '');
  if (target) response.writeHead(302, { location: target });
  response.end(target ? 'moved' : 'allowed');
});
const redirectPaths = new Map([...redirectTargets].map(([path, url]) => [url, path]));
// Only the test server's loopback address is allowed, so redirects start somewhere legitimate.
const allowedClient = createEgressClient({ allow: ['127.0.0.1'] });

async function run(testCase: NetnsCase): Promise<NetnsOutcome> {
  if (testCase.via === 'redirect') return attempt(testCase.name, allowedClient, `${server.url}${redirectPaths.get(testCase.url) ?? ''}`);
  // No allow-list at all: the loopback forms must be refused too.
  const lookup = testCase.via === 'dns' ? scriptedLookup([testCase.answers ?? []]).lookup : undefined;
  const client = createEgressClient(lookup ? { lookup } : {});
  try {
    return await attempt(testCase.name, client, testCase.url);
  } finally {
    await client.close();
  }
}

try {
  const report: NetnsReport = {
    interfaces: Object.keys(networkInterfaces()),
    rawConnect: await rawConnect('10.0.0.1', 80),
    allowedLoopback: await attempt('allowed loopback', allowedClient, `${server.url}/`),
    cases: [],
  };
  for (const testCase of netnsCases) report.cases.push(await run(testCase));
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await allowedClient.close();
  await server.close();
}
