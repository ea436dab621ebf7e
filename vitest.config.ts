import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Workspace packages resolve to their TypeScript sources so unit tests never run stale builds.
const alias = {
  '@switchyard/migrations': source('./migrations/src/index.ts'),
  '@switchyard/connectors': source('./connectors/src/index.ts'),
};

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, so every file ran in turn.
    // Most e2e and pack time is spent waiting (servers starting, polls, retries), so three files at a time
    // (the e2e project still one at a time) finish far sooner on the same 2 cores.
    maxWorkers: 3,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts', 'connectors/src/**/*.test.ts', 'migrations/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          // Two cores run every file at once; a test that hashes passwords (scrypt) can take seconds under that load.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bench/**', 'test/packs/**', '**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Each pack file runs its own server (a temp SQLite data dir, a free port) against its own fakes, so
          // these files, unlike the fault and load tests above, may run side by side.
          name: 'packs',
          include: ['test/packs/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
