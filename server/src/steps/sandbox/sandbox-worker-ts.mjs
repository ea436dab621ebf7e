// Worker entry used only when the server runs from its TypeScript sources (vitest): a worker thread is
// not loaded through vite, and Node 20 does not apply `--import tsx` to a worker's entry file, so this
// plain module loads sandbox-worker.ts through tsx's API. Built servers start sandbox-worker.(m)js directly.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sandbox-worker.ts', import.meta.url);
