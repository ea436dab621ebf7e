import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import YAML from 'yaml';
import { loadConfig } from '../config.js';
import { finishedRunStatuses } from '../contracts/run.js';
import { startServer, wire, type Role } from '../main.js';
import { createApiToken } from '../security/create-api-token.js';
import { createUser, newUserSchema } from '../security/create-user.js';
import { auditRepo } from '../storage/audit-repo.js';
import { createDb } from '../storage/create-db.js';
import { migrateDown, migrateToLatest } from '../storage/migrate.js';
import { userRepo } from '../storage/user-repo.js';
import { CliError, failFrom, withApi } from './cli-context.js';
import { registerPacksCommand } from './packs-command.js';

/** Flags are another way to set the environment variables of DESIGN §9. */
const configFlags: [string, string, string][] = [
  ['--port <port>', 'SWITCHYARD_PORT', 'HTTP port (3000)'],
  ['--host <host>', 'SWITCHYARD_HOST', 'address to listen on (127.0.0.1)'],
  ['--data-dir <dir>', 'SWITCHYARD_DATA_DIR', 'data directory (./data)'],
  ['--database-url <url>', 'SWITCHYARD_DATABASE_URL', 'postgres://… or a SQLite file (default: <data-dir>/switchyard.db)'],
  ['--public-url <url>', 'SWITCHYARD_PUBLIC_URL', 'base of webhook and approval URLs'],
  ['--egress-allow <list>', 'SWITCHYARD_EGRESS_ALLOW', 'hosts/CIDRs let through the SSRF guard'],
];

function flagKey(flag: string): string {
  return flag.split(' ')[0]!.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

async function readStructured(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  return /\.ya?ml$/i.test(file) ? YAML.parse(text) : JSON.parse(text);
}

const print = (value: unknown) => process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);

export function buildCli(): Command {
  const program = new Command('switchyard').description('Self-hosted automation server').showHelpAfterError();
  for (const [flag, env, help] of configFlags) program.option(flag, `${help} [${env}]`);
  program.hook('preAction', () => {
    const options = program.opts<Record<string, string | undefined>>();
    for (const [flag, env] of configFlags) {
      const value = options[flagKey(flag)];
      if (value !== undefined) process.env[env] = value;
    }
  });

  program
    .command('start')
    .description('start the server (all roles in one process by default)')
    .addOption(new Option('--role <role>', 'which part to run').choices(['all', 'web', 'worker', 'scheduler']).default('all'))
    .action(async (options: { role: Role }) => {
      const server = await startServer(loadConfig(process.env), options.role);
      await new Promise<void>((resolve) => {
        const onSignal = () =>
          void server.stop().then(resolve, (error: unknown) => {
            server.system.log.error({ err: error }, 'stopping failed');
            process.exit(1);
          });
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
      });
      // Everything is closed and flushed; leftover keep-alive timers must not delay the exit.
      process.exit(0);
    });

  program
    .command('migrate')
    .description('apply pending database migrations (or revert with --down)')
    .option('--down', 'revert the newest migration')
    .option('--all', 'with --down: revert every migration')
    .action(async (options: { down?: boolean; all?: boolean }) => {
      const config = loadConfig(process.env);
      const database = createDb({ url: config.databaseUrl });
      try {
        const done = options.down ? await migrateDown(database, options.all) : await migrateToLatest(database);
        print(done.length > 0 ? done.join('\n') : 'nothing to do');
      } finally {
        await database.close();
      }
    });

  const users = program.command('users').description('manage users');
  users
    .command('create')
    .requiredOption('--email <email>')
    .requiredOption('--password <password>')
    .addOption(new Option('--role <role>').choices(['owner', 'editor', 'viewer']).default('editor'))
    .action(async (options: { email: string; password: string; role: string }) => {
      const parsed = newUserSchema.safeParse(options);
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
      const system = await wire({ ...loadConfig(process.env), logLevel: 'warn' }, { logDestination: 2 });
      try {
        const result = await createUser(system.database.db, parsed.data, Date.now());
        if (!result.ok) throw new CliError(`a user with the e-mail ${parsed.data.email} exists`);
        // No signed-in user acts here: whoever runs the CLI has the database, so the entry says only how.
        const details = { email: result.user.email, role: result.user.role, via: 'cli' };
        await auditRepo.record(system.database.db, { actor: null, action: 'user.create', targetId: result.user.id, details }, Date.now());
        print(`created ${result.user.role} ${result.user.email} (${result.user.id})`);
      } finally {
        await system.close();
      }
    });

  program
    .command('tokens')
    .description('manage API tokens')
    .command('create')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .action(async (options: { email: string; name: string }) => {
      const system = await wire({ ...loadConfig(process.env), logLevel: 'warn' }, { logDestination: 2 });
      try {
        const user = await userRepo.byEmail(system.database.db, options.email);
        if (!user) throw new CliError(`no user ${options.email}`);
        const created = await createApiToken(system.database.db, user.id, options.name, Date.now());
        const details = { name: options.name, userId: user.id, via: 'cli' };
        await auditRepo.record(system.database.db, { actor: null, action: 'token.create', targetId: created.id, details }, Date.now());
        print(created.token);
      } finally {
        await system.close();
      }
    });

  const recipes = program.command('recipes').description('manage recipes');
  recipes
    .command('import <file>')
    .description('create a recipe from a recipe file (JSON or YAML)')
    .action(async (file: string) => {
      const content = await readStructured(file);
      await withApi(async (call) => {
        const answer = await call('POST', '/recipes/import', content);
        if (answer.status !== 201) failFrom(answer);
        print(answer.body.id);
      });
    });
  recipes
    .command('export <id>')
    .description('print the recipe file')
    .option('--version <versionId>')
    .action(async (id: string, options: { version?: string }) => {
      await withApi(async (call) => {
        const answer = await call('GET', `/recipes/${encodeURIComponent(id)}/export${options.version ? `?version=${encodeURIComponent(options.version)}` : ''}`);
        if (answer.status !== 200) failFrom(answer);
        print(answer.body);
      });
    });
  recipes
    .command('publish <id>')
    .description('make the newest version live')
    .action(async (id: string) => {
      await withApi(async (call) => {
        const answer = await call('POST', `/recipes/${encodeURIComponent(id)}/publish`, {});
        if (answer.status !== 200) failFrom(answer);
        print(answer.body.trigger ?? { status: answer.body.recipe.status });
      });
    });
  recipes
    .command('run <id>')
    .description('run now (core/manual): the JSON input becomes {{trigger.body}}')
    .option('--input <json>', 'the input as JSON', '{}')
    .option('--input-file <file>', 'read the input from a JSON or YAML file')
    .option('--latest', 'run the newest version even if it is not published')
    .option('--wait', 'wait for the run to finish and print it')
    .action(async (id: string, options: { input: string; inputFile?: string; latest?: boolean; wait?: boolean }) => {
      let input: unknown;
      try {
        input = options.inputFile ? await readStructured(options.inputFile) : JSON.parse(options.input);
      } catch (error) {
        throw new CliError(`--input is not valid JSON: ${(error as Error).message}`);
      }
      await withApi(async (call) => {
        const answer = await call('POST', `/recipes/${encodeURIComponent(id)}/run`, { input, version: options.latest ? 'latest' : 'published' });
        if (answer.status !== 202) failFrom(answer);
        if (!options.wait) return print(answer.body.runId);
        print(await waitForRun(call, answer.body.runId));
      });
    });
  recipes
    .command('list')
    .action(async () => {
      await withApi(async (call) => {
        const answer = await call('GET', '/recipes');
        if (answer.status !== 200) failFrom(answer);
        for (const r of answer.body.recipes) print(`${r.id}  ${r.status.padEnd(6)}  ${r.name}`);
      });
    });

  program
    .command('runs')
    .description('inspect runs')
    .command('list')
    .option('--recipe <id>')
    .option('--status <status>')
    .option('--limit <n>', 'how many', '50')
    .action(async (options: { recipe?: string; status?: string; limit: string }) => {
      const query = new URLSearchParams({ limit: options.limit, ...(options.recipe && { recipe: options.recipe }), ...(options.status && { status: options.status }) });
      await withApi(async (call) => {
        const answer = await call('GET', `/runs?${query}`);
        if (answer.status !== 200) failFrom(answer);
        for (const run of answer.body.runs) {
          print(`${run.id}  ${run.status.padEnd(9)}  ${new Date(run.createdAt).toISOString()}  ${run.recipeId}${run.error ? `  ${run.error.code}: ${run.error.message}` : ''}`);
        }
      });
    });

  registerPacksCommand(program);
  return program;
}

/** The CLI has no worker of its own: this polls until the server's worker has finished the run (at most 5 minutes). */
async function waitForRun(call: Parameters<Parameters<typeof withApi>[0]>[0], runId: string): Promise<unknown> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const answer = await call('GET', `/runs/${runId}`);
    if (answer.status !== 200) failFrom(answer);
    if (finishedRunStatuses.includes(answer.body.status)) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new CliError(`run ${runId} has not finished after 5 minutes; is a server running?`);
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (error) {
    process.stderr.write(`switchyard: ${error instanceof CliError || error instanceof SyntaxError ? error.message : (error as Error).message}\n`);
    return 1;
  }
}
