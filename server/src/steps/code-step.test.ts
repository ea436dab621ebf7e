import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import type { EgressClient } from '../egress/egress-client.js';
import { startTestServer, type TestServer } from '../egress/start-test-server.js';
import { codeStep } from './code-step.js';
import type { StepContext } from './define-step.js';
import { StepError } from './step-error.js';

let server: TestServer;
let egress: EgressClient;

beforeAll(async () => {
  server = await startTestServer((request, response, body) => {
    if (request.url === '/slow') return; // never answers: the run's deadline must end the wait
    response.setHeader('content-type', 'application/json');
    const answer = () => response.end(JSON.stringify({ method: request.method, path: request.url, body, seen: request.headers['x-test'] ?? null }));
    if (request.url === '/late') setTimeout(answer, 1_500); // answers, but only after the code's CPU budget
    else answer();
  });
  egress = createEgressClient({ allow: ['127.0.0.1'] });
});

afterAll(async () => {
  await egress.close();
  await server.close();
});

function context(overrides: Partial<StepContext> = {}): StepContext {
  return { egress, signal: new AbortController().signal, now: () => Date.now(), ...overrides } as StepContext;
}

async function run(input: Record<string, unknown>, ctx = context()) {
  const outcome = await codeStep.run(codeStep.input.parse(input), ctx);
  if (outcome.kind !== 'done') throw new Error(`unexpected outcome ${outcome.kind}`);
  return outcome.output as { result: unknown; logs: string[]; logsDropped?: number };
}

async function failure(input: Record<string, unknown>, ctx = context()): Promise<StepError> {
  const error: unknown = await run(input, ctx).then(
    () => new Error('expected the code to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StepError);
  expect((error as StepError).retryable).toBe(false);
  return error as StepError;
}

describe('core/code', () => {
  it('returns the JSON value the code computes from its input', async () => {
    const output = await run({ code: 'return { total: input.items.reduce((a, b) => a + b, 0) }', input: { items: [1, 2, 3] } });
    expect(output).toEqual({ result: { total: 6 }, logs: [] });
  });

  it('captures console output, bounded to 100 lines of 1 KB', async () => {
    const output = await run({
      code: "console.log('a', 1, { b: [2] }); console.warn(new TypeError('careful')); for (let i = 0; i < 150; i++) console.log('x'.repeat(2000));",
    });
    expect(output.logs.slice(0, 2)).toEqual(['a 1 {"b":[2]}', 'warn: TypeError: careful']);
    expect(output.logs).toHaveLength(100);
    expect(output.logs[2]).toHaveLength(1024);
    expect(output.logsDropped).toBe(52);
  });

  it('gives null for no return value and refuses values with no JSON form', async () => {
    expect((await run({ code: 'const x = 1;' })).result).toBeNull();
    for (const code of ['return () => 1', 'return Symbol()', 'return 10n', 'const a = {}; a.self = a; return a']) {
      expect((await failure({ code })).code, code).toBe('CODE_RESULT_NOT_JSON');
    }
  });

  it('reports errors with their message and line, syntax errors included', async () => {
    expect(await failure({ code: 'const a = 1;\nconst b = null;\nreturn b.c;' })).toMatchObject({
      code: 'CODE_ERROR',
      message: expect.stringMatching(/^TypeError: .*'c'.* \(line 3\)$/),
    });
    expect(await failure({ code: 'let x = 1;\nlet y = ;' })).toMatchObject({ code: 'CODE_ERROR', message: expect.stringMatching(/^SyntaxError: .*\(line 2\)$/) });
    expect((await failure({ code: "throw 'boom'" })).message).toBe('the code threw "boom"');
    expect((await failure({ code: 'await new Promise(() => {})' })).message).toMatch(/nothing can settle/);
  });

  it('stops an endless loop at the deadline and leaves the host responsive', async () => {
    const timerFired = new Promise<string>((resolve) => setTimeout(() => resolve('fired'), 0));
    expect(await failure({ code: 'while (true) {}', timeoutMs: 200 })).toMatchObject({
      code: 'CODE_TIMEOUT',
      message: 'the code did not finish within 200 ms',
    });
    expect(await timerFired).toBe('fired');
    expect((await failure({ code: "await null; /(a+)+$/.test('a'.repeat(40) + 'b')", timeoutMs: 200 })).code).toBe('CODE_TIMEOUT');
  });

  it('computes on a worker thread: the main thread keeps running while a loop uses up its CPU budget', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      expect(await failure({ code: 'console.log("looping"); while (true) {}', cpuMs: 1_000 })).toMatchObject({
        code: 'CODE_TIMEOUT',
        message: 'the code used more than 1000 ms of CPU time',
        options: { details: { logs: ['looping'] } },
      });
    } finally {
      clearInterval(ticker);
    }
    // About 50 in a second; on the main thread (as before) there were none until the loop ended.
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('counts only computing against the CPU budget: waiting 1.5 s for a fetch is fine with 200 ms', async () => {
    const output = await run({ code: "const r = await fetch(input + '/late'); return (await r.json()).path", input: server.url, cpuMs: 200 });
    expect(output.result).toBe('/late');
  });

  it('fails huge allocations with the memory limit', async () => {
    for (const code of ["'x'.repeat(2 ** 29)", 'new ArrayBuffer(2 ** 31 - 1)', 'const a = []; while (true) a.push({ n: a.length })']) {
      expect(await failure({ code, memoryMb: 16 }), code).toMatchObject({ code: 'CODE_MEMORY_LIMIT', message: expect.stringContaining('16 MB') });
    }
    // Beyond QuickJS's string length limit the engine refuses before allocating: a clear error, not a crash.
    expect(await failure({ code: "'x'.repeat(2 ** 30)" })).toMatchObject({ code: 'CODE_ERROR', message: expect.stringContaining('invalid string length') });
  });

  it('turns runaway recursion into an error and keeps working afterwards', async () => {
    expect((await failure({ code: 'function f() { return f() + 1 } return f()' })).message).toMatch(/stack overflow/);
    expect((await failure({ code: "return JSON.parse('['.repeat(100000) + ']'.repeat(100000))" })).message).toMatch(/stack overflow/);
    expect((await run({ code: 'return 1 + 1' })).result).toBe(2);
  });

  it('exposes no host globals', async () => {
    const output = await run({
      code: `return {
        types: [typeof process, typeof require, typeof module, typeof Buffer, typeof setTimeout, typeof globalThis.process, typeof std, typeof os],
        globals: Object.getOwnPropertyNames(globalThis).filter((name) => /^(process|require|module|Buffer|global|hostLog|hostFetch|std|os)$/.test(name)),
        fromConstructor: this.constructor.constructor('return typeof process')(),
        fromObject: ({}).constructor.constructor('return typeof require')(),
        functionThisIsGuestGlobal: Function('return this')() === globalThis,
      }`,
    });
    expect(output.result).toEqual({
      types: Array(8).fill('undefined'),
      globals: [],
      fromConstructor: 'undefined',
      fromObject: 'undefined',
      functionThisIsGuestGlobal: true,
    });
    for (const code of ["require('fs')", "await import('fs')", "this.constructor.constructor('return process')().exit(1)"]) {
      expect((await failure({ code })).code, code).toBe('CODE_ERROR');
    }
  });

  it('keeps prototype tricks inside the sandbox', async () => {
    const output = await run({
      code: `Object.prototype.polluted = 'yes'; Array.prototype.map = null; JSON.stringify = () => '"hijacked"';
        return { inside: ({}).polluted, proto: JSON.parse('{"__proto__": {"polluted": "host"}}') }`,
    });
    expect(output.result).toEqual({ inside: 'yes', proto: JSON.parse('{"__proto__": {"polluted": "host"}}') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(output.result as object, 'proto')).toBe(true);
  });

  it('fetches through the egress guard', async () => {
    const output = await run({
      code: `const response = await fetch(input.url + '/echo', { method: 'POST', headers: { 'x-test': 'yes' }, body: JSON.stringify({ a: 1 }) });
        return { status: response.status, ok: response.ok, type: response.headers['content-type'], body: await response.json() }`,
      input: { url: server.url },
    });
    expect(output.result).toEqual({
      status: 200,
      ok: true,
      type: 'application/json',
      body: { method: 'POST', path: '/echo', body: '{"a":1}', seen: 'yes' },
    });
  });

  it('refuses fetches to addresses the guard blocks, before connecting', async () => {
    expect((await failure({ code: "await fetch('http://10.0.0.1/')" })).message).toMatch(/^FetchError: EGRESS_BLOCKED: blocked by egress policy: 10\.0\.0\.1/);
    const strict = createEgressClient();
    const connections = server.connections;
    try {
      const caught = await run({ code: 'try { await fetch(input) } catch (error) { return [error.code, error.message] }', input: server.url }, context({ egress: strict }));
      expect(caught.result).toEqual(['EGRESS_BLOCKED', expect.stringContaining('127.0.0.1')]);
      expect(server.connections).toBe(connections);
    } finally {
      await strict.close();
    }
  });

  it('bounds fetches per run and the time spent waiting for them', async () => {
    const limited = await run({
      code: "const codes = []; for (let i = 0; i < 21; i++) { try { await fetch(input); codes.push('ok') } catch (error) { codes.push(error.code) } } return codes.slice(-2)",
      input: server.url,
    });
    expect(limited.result).toEqual(['ok', 'FETCH_LIMIT']);
    const sent = server.requests.length;
    const flood = await run({
      code: "const calls = []; for (let i = 0; i < 5000; i++) calls.push(fetch(input).then(() => 'ok', (error) => error.code)); return (await Promise.all(calls)).filter((code) => code === 'FETCH_LIMIT').length",
      input: server.url,
    });
    expect(flood.result).toBe(4980);
    expect(server.requests.length - sent).toBe(20);
    expect((await failure({ code: "await fetch(input + '/slow')", input: server.url, timeoutMs: 300 })).code).toBe('CODE_TIMEOUT');
  });

  it('stops when the step is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure({ code: "await fetch(input + '/slow')", input: server.url }, context({ signal: controller.signal }));
    expect(error.code).toBe('CODE_ABORTED');
  });

  it('frees each sandbox: 200 runs grow neither the heap nor the process', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const code = 'const a = []; for (let i = 0; i < 20000; i++) a.push({ i }); console.log(a.length); return a.length';
    await run({ code });
    gc();
    const before = process.memoryUsage();
    for (let i = 0; i < 200; i++) await run({ code });
    gc();
    const after = process.memoryUsage();
    expect(after.heapUsed - before.heapUsed).toBeLessThan(50 * 1024 * 1024);
    expect(after.external - before.external).toBeLessThan(200 * 1024 * 1024);
    // The sandboxes live in worker threads, whose memory only the process-wide figure shows.
    expect(after.rss - before.rss).toBeLessThan(200 * 1024 * 1024);
  }, 60_000); // 200 fresh WebAssembly instances take a few seconds
});
