import { afterAll, afterEach } from 'vitest';

interface Disposable {
  dispose?: () => Promise<void>;
  close?: () => Promise<void>;
  logTail?: (lines: number) => string;
}

/**
 * Collects servers and sinks a test starts so they are torn down after it even when it fails:
 * `const own = useResources('each')`, then `own(await SwitchyardProcess.launch())`.
 */
export function useResources(scope: 'each' | 'all' = 'each'): <T extends Disposable>(resource: T) => T {
  const resources: Disposable[] = [];
  const teardown = async () => {
    const errors: unknown[] = [];
    for (const resource of resources.splice(0).reverse()) {
      try {
        await (resource.dispose ?? resource.close)?.call(resource);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  };
  if (scope === 'each') {
    afterEach(async (context) => {
      // A failed test shows what the servers said last.
      if (context.task.result?.state === 'fail') {
        for (const resource of resources) if (resource.logTail) console.error(`--- server log (last 40 lines) ---\n${resource.logTail(40)}`);
      }
      await teardown();
    });
  } else {
    afterAll(teardown);
  }
  return (resource) => {
    resources.push(resource);
    return resource;
  };
}
