import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { netnsCases, type NetnsReport } from './netns-cases.js';
import { runNetnsProbe } from './run-netns-probe.js';

/**
 * Test battery 33/34 under its network rule: the private targets are tried inside a network namespace
 * that has only `lo`, so a guard bug fails with ENETUNREACH (or ECONNREFUSED on loopback) instead of
 * sending packets to 169.254.169.254 or 10/8 — and the test still demands the guard's own EGRESS_BLOCKED.
 * The probe (compiled to dist by `pnpm tsc -b`) runs as a child inside the namespace.
 */

const probePath = fileURLToPath(new URL('../../dist/egress/netns-probe.js', import.meta.url));

describe('egress guard inside a loopback-only network namespace', () => {
  let report: NetnsReport;

  beforeAll(() => {
    report = runNetnsProbe<NetnsReport>(probePath);
  }, 90_000);

  it('runs where only loopback exists, so nothing could leave the machine', () => {
    expect(report.interfaces).toEqual(['lo']);
    expect(report.rawConnect.code).toBe('ENETUNREACH');
  });

  it('still reaches the allow-listed loopback server', () => {
    expect(report.allowedLoopback).toMatchObject({ code: 'ok', message: 'status 200' });
  });

  it.each(netnsCases.map((testCase) => [testCase.name, testCase.via, testCase.url] as const))(
    'refuses %s (%s %s) with EGRESS_BLOCKED',
    (name) => {
      const outcome = report.cases.find((entry) => entry.name === name);
      // ENETUNREACH or ECONNREFUSED here means the guard let the request reach a socket.
      expect(outcome, `no outcome for ${name}; is server/dist stale? run \`pnpm tsc -b\``).toBeDefined();
      expect(outcome?.code, outcome?.message).toBe('EGRESS_BLOCKED');
      expect(outcome?.message).toMatch(/^blocked by egress policy: /);
    },
  );
});
