import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the sandbox worker's entry file is. In each of the three ways the server runs, the worker sits
 * next to the module running this code, so it is found from this module's own URL, with no build-time
 * flag and no guessing between layouts:
 *  - the esbuild bundle: this code is inlined into dist/switchyard.mjs, the worker is dist/sandbox-worker.mjs
 *    (a second entry point in bundle.mjs);
 *  - tsc output: dist/steps/sandbox/worker-file.js, the worker is dist/steps/sandbox/sandbox-worker.js;
 *  - TypeScript sources (vitest): src/steps/sandbox/worker-file.ts, the worker is sandbox-worker-ts.mjs,
 *    which loads sandbox-worker.ts through tsx. Loading the compiled file from dist instead could test a
 *    stale build.
 */
export function sandboxWorkerUrl(moduleUrl: string = import.meta.url): URL {
  const extension = extname(fileURLToPath(moduleUrl));
  const url = new URL(extension === '.ts' ? './sandbox-worker-ts.mjs' : `./sandbox-worker${extension}`, moduleUrl);
  // A missing file would otherwise surface as a worker 'error' event naming no build step.
  if (!existsSync(url)) throw new Error(`the sandbox worker ${fileURLToPath(url)} is missing (run pnpm build)`);
  return url;
}
