import { gzipSync } from 'node:zlib';
import { Header, type HeaderData } from 'tar';

/** One entry of a hand-made archive: any path and type, so tests can build what a hostile publisher would. */
export interface FixtureEntry {
  path: string;
  content?: string | Buffer;
  type?: HeaderData['type'];
  linkpath?: string;
}

/** Builds a gzipped tar archive byte by byte with tar's header encoder, bypassing every safety of `tar.create`. */
export function buildTarball(entries: FixtureEntry[], gzip = true): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.content === undefined ? Buffer.alloc(0) : Buffer.from(entry.content);
    const header = new Header({
      path: entry.path,
      mode: 0o644,
      size: entry.type === undefined || entry.type === 'File' ? body.length : 0,
      type: entry.type ?? 'File',
      mtime: new Date(0),
      ...(entry.linkpath !== undefined && { linkpath: entry.linkpath }),
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (header.size) blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  return gzip ? gzipSync(tar) : tar;
}

/** A well-formed npm package holding `manifest` at the path its package.json names. */
export function packageTarball(manifest: unknown, path = 'switchyard/pack.json'): Buffer {
  return buildTarball([
    { path: 'package/package.json', content: JSON.stringify({ name: 'acme-pack', version: '1.0.0', switchyard: { pack: path } }) },
    { path: `package/${path}`, content: JSON.stringify(manifest) },
  ]);
}
