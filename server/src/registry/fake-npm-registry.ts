import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Published {
  tarball: Buffer;
  integrity: string;
}

/**
 * An npm registry on 127.0.0.1 for tests: serves packuments (the abbreviated form npm install reads) and
 * tarballs that tests build and `publish` here.
 */
export async function startFakeNpmRegistry() {
  const packages = new Map<string, { versions: Map<string, Published>; tags: Record<string, string> }>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://registry').pathname).slice(1);
    requests.push(path);
    const tarball = /^(.+)\/-\/(.+)\.tgz$/.exec(path);
    if (tarball) {
      const [, name = '', file = ''] = tarball;
      const version = file.slice((name.split('/').pop() ?? '').length + 1);
      const found = packages.get(name)?.versions.get(version);
      response.writeHead(found ? 200 : 404, { 'content-type': 'application/octet-stream' });
      return response.end(found?.tarball);
    }
    const pkg = packages.get(path);
    if (!pkg) {
      response.writeHead(404, { 'content-type': 'application/json' });
      return response.end('{"error":"Not found"}');
    }
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const versions = Object.fromEntries(
      [...pkg.versions].map(([version, published]) => [
        version,
        { name: path, version, dist: { tarball: `${origin}/${path}/-/${path.split('/').pop()}-${version}.tgz`, integrity: published.integrity } },
      ]),
    );
    response.writeHead(200, { 'content-type': 'application/vnd.npm.install-v1+json' });
    response.end(JSON.stringify({ name: path, 'dist-tags': pkg.tags, versions }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    /** Paths requested so far (decoded, without the leading slash). */
    requests,
    /** Adds a version; the newest published becomes `latest` unless a tag is set. `integrity` overrides the true one. */
    publish(name: string, version: string, tarball: Buffer, options: { integrity?: string; tag?: string } = {}) {
      const pkg = packages.get(name) ?? { versions: new Map<string, Published>(), tags: {} as Record<string, string> };
      packages.set(name, pkg);
      const integrity = options.integrity ?? `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
      pkg.versions.set(version, { tarball, integrity });
      pkg.tags[options.tag ?? 'latest'] = version;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
