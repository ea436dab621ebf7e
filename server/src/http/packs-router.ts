import { createRoute } from '@hono/zod-openapi';
import { builtInPacks, openApiToPack, parsePackText, validatePack } from '@switchyard/connectors';
import type { Context } from 'hono';
import { z } from 'zod';
import { packChangeSchema, packSummarySchema, type PackSummary } from '../contracts/pack.js';
import { problemSchema } from '../contracts/problem.js';
import { fetchPackSource } from '../registry/fetch-pack-source.js';
import { exportPack, PackExportError } from '../registry/export-pack.js';
import { findPackUsers } from '../registry/find-pack-users.js';
import type { InstallOutcome } from '../registry/pack-admin.js';
import { packChanges } from '../registry/pack-changes.js';
import type { InstalledPack } from '../registry/pack-registry.js';
import { PackSourceError } from '../registry/pack-source-error.js';
import type { AppDeps } from './app-deps.js';
import { apiError, invalid } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { upgradePackRoute } from './packs-router-upgrade.js';

const packParam = z.object({ id: z.string().min(1).max(64) });
const manifestBody = z.strictObject({ manifest: z.record(z.string(), z.unknown()).describe('the manifest as JSON') });
const textBody = z.strictObject({
  text: z.string().max(5 * 1024 * 1024).describe('the manifest file as text, JSON or YAML'),
  fileName: z.string().max(200).optional().describe('tells YAML from JSON by its extension'),
});
const sourceBody = z.strictObject({ source: z.string().min(1).max(2000).describe('npm:<name>[@range] or an https URL of a manifest or .tgz') });
const installBody = z.union([manifestBody, textBody, sourceBody]);
const validateBody = z.union([manifestBody, textBody]);

const installedSchema = z.object({ status: z.enum(['installed', 'updated', 'unchanged']), pack: packSummarySchema, version: z.string() });
const notFound = { 404: errorResponse('no such pack or version') };
const unprocessable = { 422: errorResponse('the pack is invalid; every problem is listed with its JSON pointer') };

const builtInIds = new Set(builtInPacks.map((pack) => pack.id));

export function summaryOf(id: string, versions: InstalledPack[]): PackSummary {
  const { manifest, version } = versions[0]!;
  const { auth } = manifest;
  return {
    id,
    name: manifest.name,
    ...(manifest.description !== undefined && { description: manifest.description }),
    ...(manifest.icon !== undefined && { icon: manifest.icon }),
    newest: version,
    versions: versions.map((v) => v.version),
    builtIn: builtInIds.has(id),
    actions: manifest.actions.length,
    triggers: manifest.triggers.length,
    actionNames: manifest.actions.map((action) => action.name),
    triggerNames: manifest.triggers.map((trigger) => trigger.name),
    auth: auth.kind,
    ...(auth.kind === 'oauth2' && auth.pasteToken && { pasteToken: auth.pasteToken.label }),
  };
}

const sourceStatus = { PACK_SOURCE_INVALID: 422, PACK_MANIFEST_MISSING: 422, PACK_ARCHIVE_REFUSED: 422, PACK_DOWNLOAD_FAILED: 502 } as const;

/** Connector packs (DESIGN §6): read by anyone signed in; installed and removed by owners only, since a pack decides where credentials go. */
export function packsRouter(deps: AppDeps) {
  const router = createRouter();
  const { packs } = deps;

  const answerInstall = async (c: Context, outcome: InstallOutcome) => {
    if (!outcome.ok) {
      return outcome.code === 'INVALID_PACK' ? invalid(c, outcome.problems) : apiError(c, 409, outcome.code, outcome.message);
    }
    const { manifest, version } = outcome.pack;
    const pack = summaryOf(manifest.id, await packs.versionsOf(manifest.id));
    return c.json({ status: outcome.status, pack, version }, outcome.status === 'unchanged' ? 200 : 201);
  };

  router.openapi(
    createRoute({
      method: 'get',
      path: '/packs',
      tags: ['packs'],
      middleware: [requireRole('viewer')],
      responses: { 200: jsonResponse(z.object({ packs: z.array(packSummarySchema) }), 'installed packs by id'), ...standardErrors },
    }),
    async (c) => c.json({ packs: (await packs.listPacks()).map(({ id, versions }) => summaryOf(id, versions)) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/packs/{id}',
      tags: ['packs'],
      middleware: [requireRole('viewer')],
      request: { params: packParam, query: z.object({ version: z.string().max(100).optional() }) },
      responses: {
        200: jsonResponse(
          z.object({
            pack: packSummarySchema,
            version: z.string(),
            manifest: z.record(z.string(), z.unknown()),
            usedBy: z.array(z.object({ recipeId: z.string(), name: z.string() })).describe('recipes whose published or newest version uses any version of the pack'),
          }),
          'the manifest as installed',
        ),
        ...notFound,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const wanted = c.req.valid('query').version;
      const versions = await packs.versionsOf(id);
      if (versions.length === 0) return apiError(c, 404, 'PACK_NOT_FOUND', `no pack ${id} is installed`);
      const found = wanted === undefined ? versions[0] : versions.find((v) => v.version === wanted);
      if (!found) return apiError(c, 404, 'VERSION_NOT_FOUND', `${id} has no version ${wanted}`);
      const usedBy = await findPackUsers(deps.database.db, id);
      return c.json({ pack: summaryOf(id, versions), version: found.version, manifest: found.manifest as Record<string, unknown>, usedBy }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/packs/{id}/manifest',
      tags: ['packs'],
      summary: 'Download a pack as a manifest file to edit and import again (built-in packs as written, without defaults)',
      middleware: [requireRole('viewer')],
      request: {
        params: packParam,
        query: z.object({
          version: z.string().max(100).optional(),
          format: z.enum(['yaml', 'json']).default('yaml'),
          as: z.string().max(64).optional().describe('a new pack id for the copy'),
        }),
      },
      responses: {
        200: { description: 'the manifest file (YAML or JSON), as an attachment', content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: z.string() } } },
        ...notFound,
        ...unprocessable,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, format, as } = c.req.valid('query');
      const versions = await packs.versionsOf(id);
      if (versions.length === 0) return apiError(c, 404, 'PACK_NOT_FOUND', `no pack ${id} is installed`);
      const found = version === undefined ? versions[0] : versions.find((v) => v.version === version);
      if (!found) return apiError(c, 404, 'VERSION_NOT_FOUND', `${id} has no version ${version}`);
      try {
        const file = exportPack(found, { format, as });
        return c.body(file.text, 200, { 'content-type': `${file.contentType}; charset=utf-8`, 'content-disposition': `attachment; filename="${file.fileName}"` });
      } catch (error) {
        if (!(error instanceof PackExportError)) throw error;
        return apiError(c, 422, 'INVALID_PACK_ID', error.message, [{ path: '/as', message: error.message }]);
      }
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/packs',
      tags: ['packs'],
      summary: 'Install a pack: a manifest, its text (JSON or YAML), or a source (npm:<name>[@range], https URL)',
      middleware: [requireRole('owner')],
      request: { body: jsonBody(installBody) },
      responses: {
        201: jsonResponse(installedSchema, 'installed (or a changed built-in updated)'),
        200: jsonResponse(installedSchema, 'this exact version and content was installed already'),
        409: errorResponse('this version is installed with different content'),
        502: errorResponse('the source could not be downloaded'),
        ...unprocessable,
        ...standardErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = c.get('principal');
      if ('manifest' in body) return answerInstall(c, await packs.installPack(body.manifest, 'upload', actor));
      if ('text' in body) return answerInstall(c, await packs.installFile({ text: body.text, fileName: body.fileName ?? '', source: 'upload' }, actor));
      try {
        const file = await fetchPackSource(deps.packDownloads, body.source);
        return await answerInstall(c, await packs.installFile(file, actor));
      } catch (error) {
        if (!(error instanceof PackSourceError)) throw error;
        return apiError(c, sourceStatus[error.code], error.code, error.message, [{ path: '/source', message: error.message }]);
      }
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/packs/validate',
      tags: ['packs'],
      summary: 'Check a manifest (or its text) without installing it',
      // Pack authoring is building; viewers only look (and cannot spend the server's CPU on big documents).
      middleware: [requireRole('editor')],
      request: { body: jsonBody(validateBody) },
      responses: { 200: jsonResponse(z.object({ ok: z.boolean(), problems: z.array(problemSchema) }), 'every problem, or none'), ...standardErrors },
    }),
    (c) => {
      const body = c.req.valid('json');
      const result = 'manifest' in body ? validatePack(body.manifest) : parsePackText(body.text, body.fileName);
      return c.json({ ok: result.ok, problems: result.ok ? [] : result.problems }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/packs/from-openapi',
      tags: ['packs'],
      summary: 'Turn an OpenAPI 3 document into a pack manifest (not installed)',
      middleware: [requireRole('editor')],
      request: {
        body: jsonBody(
          z.strictObject({
            spec: z.union([z.record(z.string(), z.unknown()), z.string().max(5 * 1024 * 1024)]).describe('the document, or its JSON or YAML text'),
            id: z.string().max(64).optional(),
            fileName: z.string().max(200).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ manifest: z.record(z.string(), z.unknown()), warnings: z.array(z.string()) }), 'the generated manifest'),
        ...unprocessable,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { spec, id, fileName } = c.req.valid('json');
      const result = await openApiToPack(spec, { ...(id !== undefined && { id }), ...(fileName !== undefined && { fileName }) });
      if (!result.ok) return invalid(c, result.problems);
      return c.json({ manifest: result.manifest as Record<string, unknown>, warnings: result.warnings }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/packs/{id}/changes',
      tags: ['packs'],
      summary: 'What changes between two installed versions (before an upgrade)',
      middleware: [requireRole('viewer')],
      request: { params: packParam, query: z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) }) },
      responses: {
        200: jsonResponse(z.object({ from: z.string(), to: z.string(), breaking: z.boolean(), changes: z.array(packChangeSchema) }), 'the changes'),
        ...notFound,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const versions = await packs.versionsOf(id);
      const [before, after] = [from, to].map((wanted) => versions.find((v) => v.version === wanted));
      if (!before || !after) return apiError(c, 404, 'VERSION_NOT_FOUND', `${id} has no version ${before ? to : from}`);
      const changes = packChanges(before.manifest, after.manifest);
      return c.json({ from, to, breaking: changes.some((change) => change.breaking), changes }, 200);
    },
  );

  const removedSchema = z.object({ removed: z.array(z.string()) });
  const inUse = { 409: errorResponse('recipes still use it; error.recipes names them') };
  const remove = async (c: Context, id: string, version: string | undefined) => {
    const outcome = await packs.removePack(id, version, c.get('principal'));
    if (outcome.ok) return c.json({ removed: outcome.removed }, 200);
    if (outcome.code === 'PACK_IN_USE') return c.json({ error: { code: outcome.code, message: outcome.message, recipes: outcome.recipes } }, 409);
    return apiError(c, 404, outcome.code, outcome.message);
  };

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/packs/{id}',
      tags: ['packs'],
      summary: 'Remove every version of a pack, unless a recipe uses it',
      middleware: [requireRole('owner')],
      request: { params: packParam },
      responses: { 200: jsonResponse(removedSchema, 'the versions removed'), ...inUse, ...notFound, ...standardErrors },
    }),
    (c) => remove(c, c.req.valid('param').id, undefined),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/packs/{id}/versions/{version}',
      tags: ['packs'],
      summary: "Remove one version; refused when it is the last of a major that recipes use",
      middleware: [requireRole('owner')],
      request: { params: packParam.extend({ version: z.string().min(1).max(100) }) },
      responses: { 200: jsonResponse(removedSchema, 'the version removed'), ...inUse, ...notFound, ...standardErrors },
    }),
    (c) => remove(c, c.req.valid('param').id, c.req.valid('param').version),
  );

  upgradePackRoute(router, deps);
  return router;
}
