/**
 * The web app's download on a first visit: the script and stylesheets `web/dist/index.html` references, and
 * every chunk those scripts import statically (what a browser must fetch before the app starts), gzip-sized.
 * Everything else in `assets/` is a lazy chunk, fetched when a screen needs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { table } from './stats.js';

export interface BundleFile {
  file: string;
  gzip: number;
}

export interface WebBundle {
  firstJs: BundleFile[];
  firstCss: BundleFile[];
  lazy: BundleFile[];
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];

/** Relative imports of a built chunk, without `import(...)` (dynamic imports are lazy). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((match) => match[1]!);
}

export function measureWebBundle(dist: string): WebBundle {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const size = (file: string): BundleFile => ({ file, gzip: gzipSync(readFileSync(join(dist, file))).length });
  const entries = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const src = attribute(tag, 'src') ?? attribute(tag, 'href');
    if (!src?.startsWith('/')) continue;
    const rel = attribute(tag, 'rel');
    if (tag.startsWith('<script') || rel === 'modulepreload') entries.add(src.slice(1));
    else if (rel === 'stylesheet') css.add(src.slice(1));
  }
  // Follow static imports (bounded by the number of files) in case a chunk is imported but not preloaded.
  const js = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (js.has(file)) continue;
    js.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const target of staticImports(code)) queue.push(posix.normalize(posix.join(posix.dirname(file), target)));
  }
  const lazy = readdirSync(join(dist, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => /\.(js|css)$/.test(file) && !js.has(file) && !css.has(file));
  return { firstJs: [...js].map(size), firstCss: [...css].map(size), lazy: lazy.map(size).sort((a, b) => b.gzip - a.gzip) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const total = (files: BundleFile[]) => files.reduce((sum, file) => sum + file.gzip, 0);
const count = (files: BundleFile[]) => `${files.length} file${files.length === 1 ? '' : 's'}`;

export function webBundleReport(bundle: WebBundle, firstJsTarget = 150 * 1024): string {
  const rows = [
    ['Web app download (gzip)', 'target', 'size'],
    ['  first visit: JavaScript', '≤ 150 kB', `${kb(total(bundle.firstJs))} in ${count(bundle.firstJs)} ${total(bundle.firstJs) <= firstJsTarget ? '✓' : '✗'}`],
    ['  first visit: CSS', '', `${kb(total(bundle.firstCss))} in ${count(bundle.firstCss)}`],
    ['  lazy chunks, all', '', `${kb(total(bundle.lazy))} in ${count(bundle.lazy)}`],
    ...bundle.lazy.slice(0, 8).map((file) => [`    ${file.file}`, '', kb(file.gzip)]),
  ];
  return table(rows);
}
