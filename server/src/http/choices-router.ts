import { createRoute } from '@hono/zod-openapi';
import { dynamicFieldSchema } from '@switchyard/connectors';
import { z } from 'zod';
import { fetchDynamicChoices } from '../connections/fetch-dynamic-choices.js';
import { fetchDynamicFields } from '../connections/fetch-dynamic-fields.js';
import { coreFieldChoices } from '../runs/core-field-choices.js';
import { apiError } from './api-error.js';
import type { AppDeps } from './app-deps.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';

const choicesSchema = z.object({
  choices: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })).describe('at most 1,000'),
});

const dynamicFieldsSchema = z.object({
  fields: z.array(dynamicFieldSchema).describe('at most 500, in the vendor order; empty until the inputs they depend on are chosen'),
});

/**
 * What a pack fetches from the vendor while someone fills a step's form: a field's choices
 * (`dynamicChoices`), and an action's dynamic fields (`dynamicFields`).
 */
export function choicesRouter(deps: AppDeps) {
  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'post',
      path: '/packs/{packId}/{owner}/{key}/fields/{field}/choices',
      tags: ['packs'],
      summary: "Fetch a field's choices from the vendor, as a connection (pack `core`: a core step's choices the server lists)",
      middleware: [requireRole('editor')],
      request: {
        params: z.object({
          packId: z.string().min(1).max(64),
          owner: z.enum(['actions', 'triggers']).describe("a step's field or a trigger's"),
          key: z.string().min(1).max(64),
          field: z.string().min(1).max(64),
        }),
        body: jsonBody(
          z.strictObject({
            connection: z.string().min(1).max(100).optional(),
            input: z.record(z.string(), z.unknown()).optional().describe("the form's other values; the request sees those the field depends on"),
          }),
        ),
      },
      responses: {
        200: jsonResponse(choicesSchema, 'the choices, in the vendor order'),
        404: errorResponse('no such pack, action, trigger or field'),
        422: errorResponse('the field has no dynamic choices, or the connection is missing or of another pack'),
        502: errorResponse('the vendor refused or could not be reached; the message is the vendor’s'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { packId, owner, key, field } = c.req.valid('param');
      const body = c.req.valid('json');
      if (packId === 'core') {
        const choices = owner === 'actions' ? coreFieldChoices(key, field) : undefined;
        return choices ? c.json({ choices: [...choices] }, 200) : apiError(c, 404, 'FIELD_NOT_FOUND', `core/${key} has no field "${field}" with listed choices`);
      }
      const { registry, connections, vendor } = deps.engine;
      const result = await fetchDynamicChoices(
        { registry, connections, vendor },
        { packId, owner, key, field, connectionId: body.connection, input: body.input, signal: c.req.raw.signal },
      );
      if (!result.ok) return apiError(c, result.status, result.code, result.message);
      return c.json({ choices: result.choices }, 200);
    },
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/packs/{packId}/actions/{key}/fields',
      tags: ['packs'],
      summary: "Fetch an action's dynamic fields from the vendor (a Salesforce object's fields), as a connection",
      middleware: [requireRole('editor')],
      request: {
        params: z.object({ packId: z.string().min(1).max(64), key: z.string().min(1).max(64) }),
        body: jsonBody(
          z.strictObject({
            connection: z.string().min(1).max(100).optional(),
            input: z.record(z.string(), z.unknown()).optional().describe("the step's input; the request sees the values the fields depend on"),
          }),
        ),
      },
      responses: {
        200: jsonResponse(dynamicFieldsSchema, "the fields, shown below the action's own; an action without dynamic fields has none"),
        404: errorResponse('no such pack or action'),
        422: errorResponse('the connection is missing or of another pack'),
        502: errorResponse('the vendor refused or could not be reached; the message is the vendor’s'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { packId, key } = c.req.valid('param');
      const body = c.req.valid('json');
      const { registry, connections, vendor } = deps.engine;
      const result = await fetchDynamicFields({ registry, connections, vendor }, { packId, key, connectionId: body.connection, input: body.input, signal: c.req.raw.signal });
      if (!result.ok) return apiError(c, result.status, result.code, result.message);
      return c.json({ fields: result.fields }, 200);
    },
  );
  return router;
}
