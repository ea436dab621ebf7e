import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openApiToPack, parsePackText, type PackProblem } from '@switchyard/connectors';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { wire } from '../main.js';
import type { PackDownloadDeps } from '../registry/download-pack-bytes.js';
import { exportPack, PackExportError, type PackExport, type PackExportFormat } from '../registry/export-pack.js';
import { fetchPackSource } from '../registry/fetch-pack-source.js';
import type { ManagedPackRegistry } from '../registry/pack-admin.js';
import type { PackFile } from '../registry/pack-file.js';
import { PackSourceError } from '../registry/pack-source-error.js';
import { readPackFile, readTextFile } from '../registry/read-pack-file.js';
import { readPackFolder } from '../registry/read-pack-folder.js';
import { CliError } from './cli-context.js';

const problemLines = (problems: PackProblem[]) => problems.map((problem) => `${problem.path || '/'}: ${problem.message}`);

/** Reads a local manifest file or pack folder; source errors become CLI errors with their message. */
async function readLocal(target: string): Promise<PackFile> {
  try {
    const info = await stat(target).catch(() => undefined);
    return info?.isDirectory() ? await readPackFolder(target) : await readPackFile(target);
  } catch (error) {
    throw error instanceof PackSourceError ? new CliError(error.message) : error;
  }
}

/** `packs validate <file|dir>`: every problem as `<path>: <message>`; needs no server or database. */
export async function validatePackCommand(target: string): Promise<{ ok: boolean; lines: string[] }> {
  const file = await readLocal(target);
  const result = parsePackText(file.text, file.fileName);
  if (!result.ok) return { ok: false, lines: problemLines(result.problems) };
  const { id, version, actions, triggers } = result.manifest;
  return { ok: true, lines: [`${id} ${version} is valid: ${actions.length} actions, ${triggers.length} triggers`] };
}

// Public specs are far bigger than packs (Stripe's and GitHub's are several MB); the converter reads up to 50M characters.
const openApiLimit = { bytes: 50 * 1024 * 1024, what: 'an OpenAPI document' };

/** `packs from-openapi <spec>`: the manifest as JSON text, or the problems. */
export async function fromOpenApiCommand(specPath: string, id?: string): Promise<{ ok: true; json: string; warnings: string[] } | { ok: false; lines: string[] }> {
  let text: string | undefined;
  try {
    text = await readTextFile(specPath, openApiLimit);
  } catch (error) {
    throw error instanceof PackSourceError ? new CliError(error.message) : error;
  }
  if (text === undefined) throw new CliError(`no file ${specPath}`);
  const result = await openApiToPack(text, { fileName: basename(specPath), ...(id !== undefined && { id }) });
  if (!result.ok) return { ok: false, lines: problemLines(result.problems) };
  return { ok: true, json: `${JSON.stringify(result.manifest, null, 2)}\n`, warnings: result.warnings };
}

/** `packs add <file|dir|url|npm:name>`: the same install path as the API (validation, digest, audit). */
export async function addPackCommand(packs: ManagedPackRegistry, downloads: PackDownloadDeps, target: string): Promise<string> {
  let file: PackFile;
  if (target.startsWith('npm:') || /^[a-z]+:\/\//i.test(target)) {
    try {
      file = await fetchPackSource(downloads, target);
    } catch (error) {
      throw error instanceof PackSourceError ? new CliError(error.message) : error;
    }
  } else {
    file = await readLocal(target);
  }
  const outcome = await packs.installFile(file, null);
  if (!outcome.ok) {
    throw new CliError(outcome.code === 'INVALID_PACK' ? [outcome.message, ...problemLines(outcome.problems).map((l) => `  ${l}`)].join('\n') : outcome.message);
  }
  const { manifest, version } = outcome.pack;
  return `${outcome.status} ${manifest.id} ${version} (${file.source})`;
}

export async function listPacksCommand(packs: ManagedPackRegistry): Promise<string[]> {
  const list = await packs.listPacks();
  if (list.length === 0) return ['no packs installed'];
  return list.map(({ id, versions }) => `${id.padEnd(24)} ${versions[0]!.version.padEnd(10)} ${versions[0]!.manifest.name}  [${versions.map((v) => v.version).join(', ')}]`);
}

export async function removePackCommand(packs: ManagedPackRegistry, id: string, version?: string): Promise<string> {
  const outcome = await packs.removePack(id, version, null);
  if (outcome.ok) return `removed ${id} ${outcome.removed.join(', ')}`;
  if (outcome.code === 'PACK_IN_USE') throw new CliError([outcome.message, ...outcome.recipes.map((r) => `  ${r.recipeId}  ${r.name}`)].join('\n'));
  throw new CliError(outcome.message);
}

export interface ExportOptions {
  version?: string | undefined;
  format: PackExportFormat;
  as?: string | undefined;
}

/** `packs export <id>`: an installed pack (built-in or not) as a manifest file to edit and import again. */
export async function exportPackCommand(packs: ManagedPackRegistry, id: string, options: ExportOptions): Promise<PackExport> {
  const versions = await packs.versionsOf(id);
  if (versions.length === 0) throw new CliError(`no pack ${id} is installed (switchyard packs list shows them)`);
  const pack = options.version === undefined ? versions[0]! : versions.find((v) => v.version === options.version);
  if (!pack) throw new CliError(`${id} has no version ${options.version}; installed: ${versions.map((v) => v.version).join(', ')}`);
  try {
    return exportPack(pack, { format: options.format, as: options.as });
  } catch (error) {
    throw error instanceof PackExportError ? new CliError(`cannot export ${id} as ${options.as}: ${error.message}`) : error;
  }
}

/** Commands that change or read installed packs open the database (no server needed) and act as the CLI. */
async function withPacks<T>(work: (packs: ManagedPackRegistry, downloads: PackDownloadDeps) => Promise<T>): Promise<T> {
  const system = await wire({ ...loadConfig(process.env), logLevel: 'warn' }, { logDestination: 2 });
  try {
    return await work(system.appDeps.packs, system.appDeps.packDownloads);
  } finally {
    await system.close();
  }
}

const print = (lines: string[]): void => void process.stdout.write(lines.map((line) => `${line}\n`).join(''));

/** `switchyard packs …` (DESIGN §9). */
export function registerPacksCommand(program: Command): void {
  const packs = program.command('packs').description('manage connector packs');
  packs
    .command('add <source>')
    .description('install a pack: a manifest file (JSON/YAML), a pack folder, an https URL, or npm:<name>[@range]')
    .action(async (source: string) => print([await withPacks((registry, downloads) => addPackCommand(registry, downloads, source))]));
  packs
    .command('list')
    .description('installed packs, newest version first')
    .action(async () => print(await withPacks((registry) => listPacksCommand(registry))));
  packs
    .command('validate <file>')
    .description('check a manifest (or pack folder) and print every problem; installs nothing')
    .action(async (file: string) => {
      const result = await validatePackCommand(file);
      print(result.lines);
      if (!result.ok) throw new CliError(`${file}: ${result.lines.length} problem${result.lines.length === 1 ? '' : 's'}`);
    });
  packs
    .command('from-openapi <spec>')
    .description('turn an OpenAPI 3 document into a pack manifest (JSON on stdout unless --out)')
    .option('--id <id>', 'pack id (default: from the title)')
    .option('--out <file>', 'write the manifest here')
    .action(async (spec: string, options: { id?: string; out?: string }) => {
      const result = await fromOpenApiCommand(spec, options.id);
      if (!result.ok) {
        print(result.lines);
        throw new CliError(`${spec} cannot be turned into a pack`);
      }
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (options.out) await writeFile(options.out, result.json);
      else process.stdout.write(result.json);
    });
  packs
    .command('export <id>')
    .description('write an installed pack (built-in or imported) as a manifest you can edit and add again')
    .option('--version <version>', 'which installed version (default: the newest)')
    .addOption(new Option('--format <format>', 'file format').choices(['yaml', 'json']).default('yaml'))
    .option('--as <id>', 'give the copy a new pack id, so it installs beside the original')
    .option('--out <file>', 'write the manifest here (default: stdout)')
    .action(async (id: string, options: ExportOptions & { out?: string }) => {
      const exported = await withPacks((registry) => exportPackCommand(registry, id, options));
      if (options.out === undefined) return void process.stdout.write(exported.text);
      await writeFile(options.out, exported.text);
      process.stderr.write(`wrote ${options.out}\n`);
    });
  packs
    .command('remove <id>')
    .description('remove a pack (or one --version), unless a recipe uses it')
    .option('--version <version>')
    .action(async (id: string, options: { version?: string }) => print([await withPacks((registry) => removePackCommand(registry, id, options.version))]));
}
