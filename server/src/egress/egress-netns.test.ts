import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { netnsCases, type NetnsReport } from './netns-cases.js';

/**
 * Test battery 33/34 under its network rule: the private targets are tried inside a network namespace
 * that has only `lo`, so a guard bug fails with ENETUNREACH (or ECONNREFUSED on loopback) instead of
 * sending packets to 169.254.169.254 or 10/8 — and the test still demands the guard's own EGRESS_BLOCKED.
 * A process cannot change its own namespace, so the probe (compiled to dist by `pnpm tsc -b`) runs as a child.
 */

const probePath = fileURLToPath(new URL('../../dist/egress/netns-probe.js', import.meta.url));
// root may create a bare network namespace; anyone else needs a user namespace that maps them to root in it.
const unshareArgs = process.getuid?.() === 0 ? ['--net'] : ['--net', '--map-root-user'];

function unshareProblem(): string | null {
  const check = spawnSync('unshare', [...unshareArgs, 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (check.error) return check.error.message;
  return check.status === 0 ? null : `exit ${check.status}: ${check.stderr.trim()}`;
}

function runProbe(): NetnsReport {
  const run = spawnSync('unshare', [...unshareArgs, 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, probePath], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`netns probe failed (exit ${run.status}, ${run.error?.message ?? 'no spawn error'}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as NetnsReport;
}

describe('egress guard inside a loopback-only network namespace', () => {
  let report: NetnsReport;

  beforeAll(() => {
    // Not a skip: without the namespace these tests would prove nothing safely, and CI must say so.
    const problem = unshareProblem();
    if (problem) {
      throw new Error(
        `\`unshare ${unshareArgs.join(' ')} true\` does not work here (${problem}). The SSRF tests must run in a ` +
          'network namespace with only loopback (test battery network rule); run them as root, or where ' +
          'unprivileged user namespaces are enabled (kernel.unprivileged_userns_clone / AppArmor userns policy).',
      );
    }
    if (!existsSync(probePath)) {
      throw new Error(`${probePath} is missing: build first (\`pnpm tsc -b\`, or \`pnpm build\`), this test runs the compiled egress client.`);
    }
    report = runProbe();
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
