import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The allowed import directions of DESIGN §2, enforced here rather than hoped for. For each folder of
 * server/src: the sibling folders it must not import. main.ts, app.ts and cli/ are composition roots.
 */
const forbidden = {
  contracts: ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'connections', 'egress', 'security', 'storage', 'observability', 'cli'],
  templates: ['http', 'triggers', 'runs', 'registry', 'steps', 'connections', 'egress', 'security', 'storage', 'observability', 'cli'],
  egress: ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'connections', 'security', 'storage', 'observability', 'cli'],
  storage: ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'connections', 'egress', 'security', 'observability', 'cli'],
  steps: ['http', 'triggers', 'runs', 'registry', 'connections', 'security', 'storage', 'observability', 'cli'],
  security: ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'connections', 'egress', 'observability', 'cli'],
  // Pack downloads (npm, https) go through the egress guard.
  registry: ['http', 'triggers', 'runs', 'steps', 'templates', 'connections', 'security', 'observability', 'cli'],
  // Connections call the vendor (tests, OAuth, pack requests), so they read the installed pack's auth.
  connections: ['http', 'triggers', 'runs', 'steps', 'security', 'observability', 'cli'],
  runs: ['http', 'triggers', 'security', 'observability', 'cli'],
  // Poll and subscription triggers call vendors, always as a connection (never the raw egress client).
  triggers: ['http', 'steps', 'egress', 'security', 'observability', 'cli'],
  observability: ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'connections', 'egress', 'security', 'cli'],
  http: ['steps', 'templates', 'egress', 'cli'],
  // Integration health reads connections, triggers' state and storage, and mails through email/; it starts
  // error-handler runs only through the inbox, like finish-run.
  health: ['http', 'runs', 'steps', 'egress', 'security', 'observability', 'cli'],
  // Outgoing REST hooks read the outbox (storage), open subscription secrets (connections' secret box) and send
  // through egress; runs queue their events through storage, never through this folder.
  'outgoing-hooks': ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'security', 'observability', 'cli', 'health'],
  // Email is a leaf that steps, connections and health share: it takes its SMTP host through the egress policy
  // (egress/), and reads nothing of its callers.
  email: ['http', 'triggers', 'runs', 'registry', 'steps', 'templates', 'connections', 'security', 'storage', 'observability', 'cli', 'health'],
};

const boundaryRules = Object.entries(forbidden).map(([folder, banned]) => ({
  files: [`server/src/${folder}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${banned.join('|')})/`,
            message: `server/src/${folder} may not import this folder (DESIGN §2 import directions).`,
          },
          ...(folder === 'triggers'
            ? [{ regex: '^(\\.\\./)+runs/(?!delivery-queue\\.js$)', message: 'triggers hand work to runs only through the delivery queue.' }]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', crypto: 'readonly', fetch: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', document: 'readonly', NodeJS: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...boundaryRules,
  {
    files: ['connectors/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^@switchyard/(server|web))|(\\.\\./(server|web)/)', message: 'connectors import nothing from server or web.' }] }] },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@switchyard/server(?!/contracts$)|\\.\\./server/src/(?!contracts/)', message: 'web imports only the server contracts.' }] },
      ],
    },
  },
);
