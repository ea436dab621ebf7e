import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { convertProblems, convertValid, minimalSpec } from './convert-for-test.js';
import { openApiToPack } from './openapi-to-pack.js';

const petSchema = {
  type: 'object',
  required: ['name'],
  properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' }, status: { type: 'string', enum: ['available', 'sold'] } },
};

const petstore = minimalSpec({
  info: { title: 'Pet Store', version: 'v3.2-beta', description: 'Pets.' },
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        summary: 'List pets',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', default: 20 } },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'ids', in: 'query', explode: false, schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'X-Request-Id', in: 'header', schema: { type: 'string' } },
          { name: 'session', in: 'cookie', schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: petSchema }, example: [{ id: 1, name: 'Rex' }] } } } },
      },
      post: {
        operationId: 'createPet',
        summary: 'Create a pet',
        description: 'Adds a pet.',
        requestBody: { required: true, content: { 'application/json': { schema: petSchema } } },
        responses: { 201: { description: 'created', content: { 'application/json': { schema: petSchema } } } },
      },
    },
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        summary: 'Get a pet',
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: petSchema, examples: { rex: { value: { id: 1, name: 'Rex' } } } } } } },
      },
      delete: { operationId: 'delete pet!', responses: { 204: { description: 'gone' } } },
      options: { responses: { 200: { description: 'ok' } } },
    },
  },
});

describe('openApiToPack: pack and actions', () => {
  test('maps info, servers and one action per operation', async () => {
    const { manifest, warnings } = await convertValid(petstore);
    expect(manifest).toMatchObject({ id: 'pet-store', name: 'Pet Store', version: '3.2.0', engine: '^1.0.0', description: 'Pets.', baseUrl: 'https://api.example.com/v1', auth: { kind: 'none' } });
    expect(manifest.actions?.map((action) => [action.key, action.kind, action.name])).toEqual([
      ['list-pets', 'search', 'List pets'],
      ['create-pet', 'action', 'Create a pet'],
      ['get-pets-pet-id', 'action', 'Get a pet'],
      ['delete-pet', 'action', 'delete pet!'],
    ]);
    expect(manifest.actions?.every((action) => action.sideEffect === undefined)).toBe(true);
    expect(warnings).toContain('OPTIONS /pets/{petId}: OPTIONS requests are not supported and are left out');
    expect(warnings).toContain('GET /pets: cookie parameter "session" is left out (packs cannot send cookies)');
  });

  test('query and header parameters become fields, the original names stay in the request', async () => {
    const { manifest } = await convertValid(petstore);
    const list = manifest.actions?.[0];
    expect(list?.input).toEqual([
      { key: 'limit', label: 'limit', type: 'integer', required: false, default: 20 },
      { key: 'tags', label: 'tags', type: 'json', required: false },
      { key: 'ids', label: 'ids', type: 'json', required: false },
      { key: 'x_request_id', label: 'X-Request-Id', type: 'string', required: false },
    ]);
    expect(list?.request).toEqual({
      method: 'GET',
      path: '/pets',
      query: { limit: '{{input.limit}}', tags: '{{input.tags}}', ids: '{{input.ids | join: ","}}' },
      headers: { 'X-Request-Id': '{{input.x_request_id}}' },
    });
    expect(list?.sample).toEqual([{ id: 1, name: 'Rex' }]);
  });

  test('path parameters are required and URL-encoded into the path; JSON bodies become fields', async () => {
    const { manifest } = await convertValid(petstore);
    const [, create, get] = manifest.actions ?? [];
    expect(get?.request).toEqual({ method: 'GET', path: '/pets/{{input.petId | urlencode}}' });
    expect(get?.input).toEqual([{ key: 'petId', label: 'petId', type: 'integer', required: true }]);
    expect(get?.sample).toEqual({ id: 1, name: 'Rex' });
    expect(create?.description).toBe('Adds a pet.');
    expect(create?.request).toEqual({ method: 'POST', path: '/pets', json: { name: '{{input.name}}', status: '{{input.status}}' } });
    expect(create?.input?.map((field) => [field.key, field.type, field.required])).toEqual([
      ['name', 'string', true],
      ['status', 'select', false],
    ]);
  });

  test('reads YAML and JSON text as well as objects', async () => {
    const fromYaml = await convertValid(stringify(petstore), { fileName: 'pets.yaml' });
    const fromJson = await convertValid(JSON.stringify(petstore), { fileName: 'pets.json' });
    const fromObject = await convertValid(petstore);
    expect(fromYaml.manifest).toEqual(fromObject.manifest);
    expect(fromJson.manifest).toEqual(fromObject.manifest);
  });

  test('does not change the object it is given', async () => {
    const spec = minimalSpec({ components: { schemas: { Pet: petSchema } } });
    (spec.paths as Record<string, unknown>)['/pets'] = { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } };
    const before = JSON.stringify(spec);
    await convertValid(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  test('--id wins over the title; a bad id is reported on /id', async () => {
    expect((await convertValid(petstore, { id: 'pets' })).manifest.id).toBe('pets');
    const problems = await convertProblems(petstore, { id: 'Bad Id' });
    expect(problems).toEqual([{ path: '/id', message: expect.stringMatching(/lower-case .*\(the id option gave "Bad Id"\)$/) as string }]);
  });

  test('version and id fall back when info is thin', async () => {
    const { manifest } = await convertValid(minimalSpec({ info: { title: '!!!', version: 'latest' } }), { fileName: '/tmp/My Spec.yaml' });
    expect(manifest).toMatchObject({ id: 'my-spec', version: '1.0.0', name: '!!!' });
  });

  test('action keys stay unique; field keys are sanitised and deduplicated', async () => {
    const spec = minimalSpec({
      paths: {
        '/a': { get: { operationId: 'doThing' }, post: { operationId: 'do-thing' } },
        '/users/{user.id}': {
          put: {
            parameters: [
              { name: 'user.id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'id', in: 'query', schema: { type: 'string' } },
            ],
            requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, 'user-id': { type: 'string' } } } } } },
          },
        },
      },
    });
    const { manifest } = await convertValid(spec);
    expect(manifest.actions?.map((action) => action.key)).toEqual(['do-thing', 'do-thing-2', 'put-users-user-id']);
    const put = manifest.actions?.[2];
    expect(put?.input?.map((field) => field.key)).toEqual(['user_id', 'id', 'id_2', 'user_id_2']);
    expect(put?.request).toMatchObject({ path: '/users/{{input.user_id | urlencode}}', query: { id: '{{input.id}}' }, json: { id: '{{input.id_2}}', 'user-id': '{{input.user_id_2}}' } });
  });

  test('an undeclared path parameter becomes a required field with a warning', async () => {
    const { manifest, warnings } = await convertValid(minimalSpec({ paths: { '/items/{itemId}': { get: {} } } }));
    expect(manifest.actions?.[0]?.input).toEqual([{ key: 'itemId', label: 'itemId', type: 'string', required: true }]);
    expect(warnings).toContain('GET /items/{itemId}: path parameter "itemId" is not declared; added as a required text field');
  });

  test('form, multipart and other bodies', async () => {
    const spec = minimalSpec({
      paths: {
        '/form': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { grant: { type: 'string' } } } } } } } },
        '/upload': {
          post: {
            requestBody: {
              content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' } } } } },
            },
          },
        },
        '/list': { post: { requestBody: { content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } },
        '/xml': { post: { requestBody: { content: { 'application/xml': { schema: { type: 'object' } } } } } },
        '/vendor': { post: { requestBody: { content: { 'application/vnd.api+json': { schema: { type: 'object', properties: { data: { type: 'object' } } } } } } } },
      },
    });
    const { manifest, warnings } = await convertValid(spec);
    const [form, upload, list, xml, vendor] = manifest.actions ?? [];
    expect(form?.request.form).toEqual({ grant: '{{input.grant}}' });
    expect(upload?.request.multipart).toEqual({ file: { file: '{{input.file}}' }, note: '{{input.note}}' });
    expect(upload?.input?.[0]).toMatchObject({ key: 'file', type: 'file', required: true });
    expect(list?.request.json).toBe('{{input.body}}');
    expect(list?.input).toEqual([{ key: 'body', label: 'body', type: 'json', required: false }]);
    expect(xml?.request.json).toBe('{{input.body}}');
    expect(warnings).toContain('POST /xml: request body application/xml is not supported; it is sent as one JSON value');
    expect(vendor?.request).toMatchObject({ headers: { 'Content-Type': 'application/vnd.api+json' }, json: { data: '{{input.data}}' } });
  });

  test('an object response around an items array is a search; a single object is not', async () => {
    const response = (schema: unknown) => ({ responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } });
    const spec = minimalSpec({
      paths: {
        '/wrapped': { get: response({ type: 'object', properties: { data: { type: 'array', items: {} }, next: { type: 'string' } } }) },
        '/single': { get: response({ type: 'object', properties: { name: { type: 'string' } } }) },
        '/post-list': { post: response({ type: 'array', items: {} }) },
      },
    });
    const { manifest } = await convertValid(spec);
    expect(manifest.actions?.map((action) => action.kind)).toEqual(['search', 'action', 'action']);
  });

  test('an operation the pack format cannot express is left out with a warning; the rest converts', async () => {
    const longName = 'n'.repeat(201);
    const form = { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { [longName]: { type: 'string' } } } } } };
    const { manifest, warnings } = await convertValid(minimalSpec({ paths: { '/ok': { get: {} }, '/odd': { post: { requestBody: form } } } }));
    expect(manifest.actions?.map((action) => action.key)).toEqual(['get-ok']);
    expect(warnings).toEqual([expect.stringMatching(/^action post-odd is left out: \/request\/form/)]);
  });

  test('an operation on its own absolute server gets an absolute path', async () => {
    const spec = minimalSpec({ paths: { '/upload': { post: { servers: [{ url: 'https://uploads.example.com/' }] } } } });
    const { manifest } = await convertValid(spec);
    expect(manifest.actions?.[0]?.request.path).toBe('https://uploads.example.com/upload');
  });
});

describe('openApiToPack: $refs', () => {
  test('resolves internal refs, including circular ones', async () => {
    const spec = minimalSpec({
      components: {
        schemas: {
          Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } } },
        },
        parameters: { Depth: { name: 'depth', in: 'query', schema: { type: 'integer' } } },
      },
      paths: {
        '/nodes': {
          post: {
            parameters: [{ $ref: '#/components/parameters/Depth' }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
            responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } },
          },
        },
      },
    });
    const { manifest } = await convertValid(spec);
    expect(manifest.actions?.[0]?.input?.map((field) => [field.key, field.type])).toEqual([
      ['depth', 'integer'],
      ['name', 'string'],
      ['children', 'json'],
      ['parent', 'json'],
    ]);
    expect(() => JSON.stringify(manifest)).not.toThrow();
  });

  test('an external $ref is refused, naming where it is', async () => {
    const spec = minimalSpec({ paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema: { $ref: 'schemas.yaml#/Pet' } } } } } }, '/b': { get: { $ref: 'https://example.com/op.json' } } } });
    const problems = await convertProblems(spec);
    expect(problems.map((problem) => problem.path)).toEqual(['/paths/~1a/post/requestBody/content/application~1json/schema/$ref', '/paths/~1b/get/$ref']);
    expect(problems[0]?.message).toBe('external $ref "schemas.yaml#/Pet" is not followed (no files or network are read); bundle the document into one file first');
  });

  test('a $ref to nothing is a problem at that $ref', async () => {
    const spec = minimalSpec({ paths: { '/a': { post: { requestBody: { $ref: '#/components/requestBodies/Missing' } } } } });
    expect(await convertProblems(spec)).toEqual([{ path: '/paths/~1a/post/requestBody/$ref', message: '$ref "#/components/requestBodies/Missing" points to nothing in this document' }]);
  });
});

describe('openApiToPack: OpenAPI 3.1', () => {
  test('nullable type lists and 3.1 schema keywords', async () => {
    const spec = minimalSpec({
      openapi: '3.1.0',
      paths: {
        '/people': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['name'],
                    properties: {
                      name: { type: ['string', 'null'] },
                      age: { type: ['integer', 'null'], examples: [42] },
                      born: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
                      mood: { type: ['string', 'null'], enum: ['happy', 'sad', null] },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    const { manifest } = await convertValid(spec);
    expect(manifest.actions?.[0]?.input).toEqual([
      { key: 'name', label: 'name', type: 'string', required: true },
      { key: 'age', label: 'age', type: 'integer', required: false, placeholder: '42' },
      { key: 'born', label: 'born', type: 'date', required: false },
      { key: 'mood', label: 'mood', type: 'select', required: false, choices: [{ label: 'happy', value: 'happy' }, { label: 'sad', value: 'sad' }] },
    ]);
  });
});

describe('openApiToPack: servers', () => {
  test('server variables become connection fields templated into the base URL', async () => {
    const spec = minimalSpec({
      servers: [
        {
          url: 'https://{tenant}.{region}.example.com:{port}/api/',
          variables: {
            tenant: { default: 'demo', description: 'Your workspace' },
            region: { default: 'eu', enum: ['eu', 'us'] },
            port: { default: '8443' },
          },
        },
        { url: 'https://sandbox.example.com' },
      ],
    });
    const { manifest, warnings } = await convertValid(spec);
    expect(manifest.baseUrl).toBe('https://{{connection.tenant}}.{{connection.region}}.example.com:8443/api');
    expect(manifest.auth).toEqual({
      kind: 'custom',
      fields: [
        { key: 'tenant', label: 'tenant', type: 'string', required: true, default: 'demo', description: 'Your workspace' },
        { key: 'region', label: 'region', type: 'select', required: true, default: 'eu', choices: [{ label: 'eu', value: 'eu' }, { label: 'us', value: 'us' }] },
      ],
    });
    expect(warnings).toContain('server variable "port" is a port; the pack uses its default, 8443');
    expect(warnings).toContain('the document lists 2 servers; the pack uses the first, https://{tenant}.{region}.example.com:{port}/api/');
  });

  test('a relative server or none asks for the base URL', async () => {
    const relative = await convertValid(minimalSpec({ servers: [{ url: '/api/v2' }] }));
    expect(relative.manifest.baseUrl).toBe('{{connection.base_url}}/api/v2');
    expect(relative.manifest.auth).toMatchObject({ kind: 'custom', fields: [{ key: 'base_url', type: 'url', required: true }] });
    const none = await convertValid(minimalSpec({ servers: undefined }));
    expect(none.manifest.baseUrl).toBe('{{connection.base_url}}');
  });
});

describe('openApiToPack: refusals never throw', () => {
  test.each([
    ['Swagger 2.0', { swagger: '2.0', info: {}, paths: {} }, '/swagger', 'this is a Swagger 2.0 document; convert it to OpenAPI 3 first (for example with swagger2openapi)'],
    ['no openapi', { info: { title: 'x' }, paths: {} }, '/openapi', 'not an OpenAPI document: missing `openapi`'],
    ['OpenAPI 4', { openapi: '4.0.0', paths: {} }, '/openapi', 'OpenAPI version 4.0.0 is not supported; only 3.0 and 3.1 are'],
    ['no paths', { openapi: '3.0.0', info: { title: 'x', version: '1' } }, '/paths', 'no paths: the document describes no operations to turn into actions'],
    ['only webhooks', { openapi: '3.1.0', webhooks: { a: {} } }, '/paths', 'no paths: the document describes no operations to turn into actions (only webhooks, which are calls the API makes, not actions)'],
    ['paths without operations', { openapi: '3.0.0', paths: { '/a': { summary: 'x' } } }, '/paths', 'no paths hold an operation (get, post, put, patch, delete or head)'],
    ['an array', [1, 2], '', 'not an OpenAPI document: expected an object at the top level'],
    ['null', null, '', 'not an OpenAPI document: expected an object at the top level'],
    ['a number', 42, '', 'not an OpenAPI document: expected an object at the top level'],
    ['empty text', '   ', '', 'the document is empty'],
    ['a plain sentence', 'hello world', '', 'not an OpenAPI document: expected an object at the top level'],
    ['a function', { openapi: '3.0.0', paths: {}, x: () => 1 }, '', 'the document is not plain data (it holds functions or other values JSON cannot carry)'],
  ])('%s', async (_name, spec, path, message) => {
    expect(await convertProblems(spec)).toEqual([{ path, message }]);
  });

  test('broken YAML says where', async () => {
    const [problem] = await convertProblems('openapi: 3.0.0\npaths:\n  /a: [unclosed\n');
    expect(problem?.message).toMatch(/^the document is neither JSON nor YAML: .*line \d+/);
  });

  test('broken JSON text (read as YAML) says where', async () => {
    const [problem] = await convertProblems('{"openapi": "3.0.0", "paths": {', { fileName: 'spec.json' });
    expect(problem?.message).toMatch(/^the document is neither JSON nor YAML: /);
  });

  test('odd shapes inside a valid document are skipped, not thrown on', async () => {
    const spec = minimalSpec({
      security: 'everyone',
      components: { securitySchemes: [] },
      paths: {
        '/odd': {
          parameters: [null, 3, { in: 'query' }, { name: 'q', in: 'body' }],
          get: { responses: { 200: { content: { 'application/json': { schema: 'none', examples: [1] } } } }, parameters: 'x' },
          post: { requestBody: { content: 'nope' }, summary: 7 },
          put: 'not an operation',
        },
        '/fine': null,
      },
    });
    const { manifest } = await convertValid(spec);
    expect(manifest.actions?.map((action) => action.key)).toEqual(['get-odd', 'post-odd']);
  });

  test('bytes are read as UTF-8 text', async () => {
    const result = await openApiToPack(new TextEncoder().encode(JSON.stringify(petstore)));
    expect(result.ok).toBe(true);
  });
});
