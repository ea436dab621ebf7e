import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { egressPaths, egressTargets, type EgressPath, type EgressPathsReport } from './egress-paths-cases.js';
import { runNetnsProbe } from './egress/run-netns-probe.js';

/**
 * Test battery 33/34, "every egress path uses the guard": core/http, core/code's fetch, pack requests (which
 * polling and subscriptions also use), OAuth token calls (authorization and refresh alike) and pack
 * downloads (URL and npm) are each sent to the metadata address, to 10/8 and through a redirect from an
 * allowed server — inside a loopback-only network namespace (see egress-netns.test.ts), running the
 * compiled code. Each must be refused with the guard's own words; each also reaches the allowed server,
 * so a refusal cannot come from the path being broken in there.
 */

const probePath = fileURLToPath(new URL('../dist/egress-paths-probe.js', import.meta.url));

/** What reaching the allowed loopback server looks like on each path. */
const reached: Record<EgressPath, RegExp> = {
  'core/http step': /^status 200$/,
  'core/code fetch': /^status 200$/,
  'pack request': /^status 200$/,
  'OAuth token call': /^token at$/,
  'pack download (URL)': /^bytes \d+$/,
  // The registry answered; the probe's packument has no versions, which is as far as a download goes here.
  'pack download (npm)': /no published version/,
};

describe('every outbound path inside a loopback-only network namespace', () => {
  let report: EgressPathsReport;

  beforeAll(() => {
    report = runNetnsProbe<EgressPathsReport>(probePath);
  }, 90_000);

  const outcome = (path: EgressPath, target: string) => {
    const found = report.outcomes.find((entry) => entry.path === path && entry.target === target);
    expect(found, `no outcome for ${path} → ${target}; is server/dist stale? run \`pnpm tsc -b\``).toBeDefined();
    return found!;
  };

  it('runs where only loopback exists', () => {
    expect(report.interfaces).toEqual(['lo']);
  });

  it.each(egressPaths)('%s reaches the allow-listed loopback server', (path) => {
    expect(outcome(path, 'control').message).toMatch(reached[path]);
  });

  const privateTargets = egressTargets.filter((target) => target !== 'control');
  it.each(egressPaths.flatMap((path) => privateTargets.map((target) => [path, target] as const)))('%s to the %s is refused by the guard', (path, target) => {
    const { message } = outcome(path, target);
    // The OAuth client follows no redirects at all: a token endpoint that redirects is refused before the guard is asked.
    if (path === 'OAuth token call' && target.startsWith('redirect')) expect(message).toMatch(/more than 0 redirects/);
    else expect(message).toMatch(/blocked by egress policy: (169\.254\.169\.254 \(link-local\)|10\.0\.0\.1 \(private\))/);
  });
});
