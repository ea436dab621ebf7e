import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// root may create a bare network namespace; anyone else needs a user namespace that maps them to root in it.
const unshareArgs = process.getuid?.() === 0 ? ['--net'] : ['--net', '--map-root-user'];

function unshareProblem(): string | null {
  const check = spawnSync('unshare', [...unshareArgs, 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (check.error) return check.error.message;
  return check.status === 0 ? null : `exit ${check.status}: ${check.stderr.trim()}`;
}

/**
 * Test-only: runs a compiled probe (a file in server/dist) inside `unshare --net` with only `lo` up, and
 * returns the JSON it printed. A process cannot change its own namespace, so the probe runs as a child.
 * Throws, never skips, when namespaces are unavailable: without one these tests would prove nothing safely.
 */
export function runNetnsProbe<T>(probePath: string): T {
  const problem = unshareProblem();
  if (problem) {
    throw new Error(
      `\`unshare ${unshareArgs.join(' ')} true\` does not work here (${problem}). The SSRF tests must run in a ` +
        'network namespace with only loopback (test battery network rule); run them as root, or where ' +
        'unprivileged user namespaces are enabled (kernel.unprivileged_userns_clone / AppArmor userns policy).',
    );
  }
  if (!existsSync(probePath)) {
    throw new Error(`${probePath} is missing: build first (\`pnpm tsc -b\`, or \`pnpm build\`), this test runs compiled code.`);
  }
  const run = spawnSync('unshare', [...unshareArgs, 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, probePath], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`netns probe failed (exit ${run.status}, ${run.error?.message ?? 'no spawn error'}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
