/**
 * JavaScript evaluated inside the sandbox before the user's code. It is a function of the two host
 * functions (`hostLog(level, text)`, `hostFetch(requestJson) -> Promise<responseJson>`), so they stay in
 * its closure and never appear on the guest's global object. It installs `console` and `fetch`, and
 * returns `run(main, inputJson)`, which calls the user's function and serialises its result.
 *
 * Only strings cross the boundary. `JSON` and `Error` are captured up front so user code that replaces
 * them cannot break the plumbing (it could only break its own calls). `run` resolves to `{ json, notJson }`
 * (one of them null); both are own properties, so the host reads them without running guest code.
 * A function that returns nothing (`undefined`) yields `null`, as a recipe step with no result would.
 */
export const sandboxPrelude = `(function (hostLog, hostFetch) {
  'use strict';
  const { parse, stringify } = JSON;
  const GuestError = Error;

  function show(value) {
    if (typeof value === 'string') return value;
    try {
      if (value instanceof Error) return String(value);
      const json = stringify(value);
      return json === undefined ? String(value) : json;
    } catch {
      return Object.prototype.toString.call(value);
    }
  }

  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...values) => { hostLog(level, values.map(show).join(' ')); };
  }

  async function fetch(url, options) {
    const { method = 'GET', headers = {}, body } = options ?? {};
    if (body != null && typeof body !== 'string') {
      throw new TypeError('fetch: body must be a string (use JSON.stringify for JSON)');
    }
    const answer = parse(await hostFetch(stringify({ url: String(url), method: String(method), headers, body: body ?? undefined })));
    if (answer.error) {
      const error = new GuestError(answer.error.code + ': ' + answer.error.message);
      error.name = 'FetchError';
      error.code = answer.error.code;
      throw error;
    }
    const { status, url: finalUrl, headers: responseHeaders, body: text } = answer.response;
    return {
      status,
      ok: status >= 200 && status < 300,
      url: finalUrl,
      headers: responseHeaders,
      text: async () => text,
      json: async () => parse(text),
    };
  }

  for (const [name, value] of [['console', console], ['fetch', fetch]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }

  return async function run(main, inputJson) {
    const value = await main(parse(inputJson));
    if (value === undefined) return { json: 'null', notJson: null };
    let json;
    try {
      json = stringify(value);
    } catch (error) {
      return { json: null, notJson: String(error) };
    }
    return json === undefined ? { json: null, notJson: 'a ' + typeof value + ' has no JSON form' } : { json, notJson: null };
  };
})`;
