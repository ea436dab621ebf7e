import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createAllowList, createEgressClient } from '../egress/index.js';
import { startTestServer, type TestServer } from '../egress/start-test-server.js';
import type { PackDownloadDeps } from './download-pack-bytes.js';
import { fetchPackSource } from './fetch-pack-source.js';
import { samplePack } from './sample-pack.js';
import { buildTarball, packageTarball } from './tarball-fixture.js';

describe('fetchUrlPack through the egress guard', () => {
  let server: TestServer;
  let deps: PackDownloadDeps;
  const egress = createEgressClient({ allow: ['127.0.0.1'] });
  const yaml = YAML.stringify(samplePack());

  beforeAll(async () => {
    server = await startTestServer((request, response) => {
      const routes: Record<string, () => void> = {
        '/acme.yaml': () => response.writeHead(200, { 'content-type': 'text/plain' }).end(yaml),
        '/manifest': () => response.writeHead(200, { 'content-type': 'application/yaml' }).end(yaml),
        '/acme.tgz': () => response.writeHead(200, { 'content-type': 'application/gzip' }).end(packageTarball(samplePack())),
        '/evil.json': () => response.writeHead(200).end(buildTarball([{ path: 'package/../../x', content: 'x' }])),
        '/moved': () => response.writeHead(302, { location: '/acme.yaml' }).end(),
        '/big.json': () => response.writeHead(200).end(Buffer.alloc(11 * 1024 * 1024, 32)),
      };
      (routes[request.url ?? ''] ?? (() => response.writeHead(404).end()))();
    });
    deps = { egress, allowList: createAllowList(['127.0.0.1']), npmRegistry: 'https://registry.npmjs.org', timeoutMs: 5_000 };
  });
  afterAll(async () => {
    await server.close();
    await egress.close();
  });

  it('reads a manifest, telling YAML by extension or content type, and follows redirects', async () => {
    expect(await fetchPackSource(deps, `${server.url}/acme.yaml`)).toEqual({ text: yaml, fileName: 'acme.yaml', source: `${server.url}/acme.yaml` });
    expect((await fetchPackSource(deps, `${server.url}/manifest`)).fileName).toBe('manifest.yaml');
    expect((await fetchPackSource(deps, `${server.url}/moved`)).source).toBe(`${server.url}/acme.yaml`);
  });

  it('reads a .tgz by its bytes, whatever it is called, with the archive rules', async () => {
    expect(await fetchPackSource(deps, `${server.url}/acme.tgz`)).toMatchObject({ fileName: 'pack.json', source: `${server.url}/acme.tgz` });
    await expect(fetchPackSource(deps, `${server.url}/evil.json`)).rejects.toMatchObject({ code: 'PACK_ARCHIVE_REFUSED' });
  });

  it('refuses plain http to hosts not allowed, credentials in URLs, error answers and oversized bodies', async () => {
    await expect(fetchPackSource({ ...deps, allowList: createAllowList([]) }, `${server.url}/acme.yaml`)).rejects.toThrow(/https only/);
    await expect(fetchPackSource(deps, server.url.replace('http://', 'http://user:secret@') + '/acme.yaml')).rejects.toThrow(/credentials in a pack URL are not allowed/);
    await expect(fetchPackSource(deps, `${server.url}/missing.json`)).rejects.toThrow(/answered 404/);
    await expect(fetchPackSource(deps, `${server.url}/big.json`)).rejects.toThrow(/is larger than \d+ bytes/);
  });

  it('refuses a private address over https unless the egress allow-list opens it', async () => {
    const guarded = { ...deps, egress: createEgressClient({ allow: [] }) };
    try {
      await expect(fetchPackSource(guarded, 'https://127.0.0.1:1/pack.json')).rejects.toThrow(/failed: blocked by egress policy/);
    } finally {
      await guarded.egress.close();
    }
  });
});
