import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, triggerIdOf } from '../support/inspect-db.js';
import { publishRecipe, waitForRuns, type PublishedRecipe } from '../support/recipes.js';
import { rawRequest } from '../support/raw-http.js';
import { sendWebhooks } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

const limit = 64 * 1024;
const tenMegabytes = 10 * 1024 * 1024;

function rssKb(pid: number | undefined): number | null {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return null;
  }
}

/** Test battery 22: bodies over a webhook's limit are refused before anything is stored; the server stays up. */
describe('webhook body limit', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let recipe: PublishedRecipe;

  beforeAll(async () => {
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
    recipe = await publishRecipe(server, {
      name: 'small bodies only',
      trigger: { use: 'core/webhook', input: { maxBodyBytes: limit } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/small`, json: { size: '{{trigger.body.padding | length}}' } } }],
    });
  });


  const head = (headers: string[]) =>
    [`POST ${recipe.hookPath} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, 'Content-Type: application/json', ...headers, '', ''].join('\r\n');

  const refusedOutcomes = [413, 'EPIPE', 'ECONNRESET', 'closed'];

  it('answers 413 to 10 MB with Content-Length and to 10 MB chunked, stores nothing, and keeps serving', async () => {
    const rssBefore = rssKb(server.pid);
    // Content-Length over the limit: refused on the headers alone, before a single body byte is sent.
    const withLength = await rawRequest(server.port, head([`Content-Length: ${tenMegabytes}`]), { bytes: tenMegabytes, chunked: false, holdBodyMs: 500 });
    expect(withLength.status, JSON.stringify(withLength)).toBe(413);
    expect(withLength.bytesSent).toBe(0);
    expect(withLength.head).toMatch(/^content-type: application\/json/im);

    // Chunked, no Content-Length, streamed: cut off at the limit, not after reading everything.
    const chunked = await rawRequest(server.port, head(['Transfer-Encoding: chunked']), { bytes: tenMegabytes, chunked: true, chunkSize: 16 * 1024, paceMs: 5 });
    expect(chunked.status, JSON.stringify(chunked)).toBe(413);
    expect(chunked.bytesSent).toBeLessThan(limit + 256 * 1024);

    // Senders that push all 10 MB without looking: refused every time. (They often see a reset instead of
    // the 413: the server closes with their unread bytes in its receive buffer; see the report.)
    const blind: (number | string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      for (const headers of [[`Content-Length: ${tenMegabytes}`], ['Transfer-Encoding: chunked']]) {
        const answer = await rawRequest(server.port, head(headers), { bytes: tenMegabytes, chunked: headers[0]!.startsWith('Transfer') });
        blind.push(answer.status ?? answer.error ?? null);
      }
    }
    for (const outcome of blind) expect(refusedOutcomes).toContain(outcome);

    // Request smuggling shape: a small Content-Length next to a chunked body. Refused either way.
    const both = await rawRequest(server.port, head(['Content-Length: 100', 'Transfer-Encoding: chunked']), { bytes: tenMegabytes, chunked: true });
    expect([400, ...refusedOutcomes], JSON.stringify(both)).toContain(both.status ?? both.error);

    const health = await server.get('/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    const triggerId = triggerIdOf(server.dataDir, recipe.id);
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(0);
    expect(countRows(server.dataDir, 'select count(*) as n from runs where recipe_id = ?', recipe.id)).toBe(0);

    // Just under the limit still goes through, on a fresh connection and on the same process.
    const padding = 'x'.repeat(limit - 100);
    const [small] = await sendWebhooks(server.baseUrl, recipe.hookPath, [{ body: { padding } }], { concurrency: 1 });
    expect(small!.status).toBe(202);
    const [run] = await waitForRuns(server, recipe.id, 1);
    expect(run!.status).toBe('succeeded');
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(1);
    expect(sink.requestsTo('/small').map((request) => request.json)).toEqual([{ size: limit - 100 }]);

    const rssAfter = rssKb(server.pid);
    console.log(
      `[e2e] body limit ${JSON.stringify({ chunkedCutOffAfter: chunked.bytesSent, blindOutcomes: blind, both: both.status ?? both.error, rssBeforeKb: rssBefore, rssAfterKb: rssAfter })}`,
    );
  });
});
