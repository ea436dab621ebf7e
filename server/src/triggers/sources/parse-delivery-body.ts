export type ParsedBody = { ok: true; body: unknown } | { ok: false; status: 400 | 415; code: string; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a webhook body by its content type. JSON must be valid UTF-8 and valid JSON; unknown types stay text. */
export function parseDeliveryBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { ok: true, body: null };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    if (type === 'application/json' || type.endsWith('+json')) {
      return { ok: false, status: 400, code: 'INVALID_UTF8', message: 'the body is not valid UTF-8' };
    }
    return { ok: true, body: raw.toString('base64') };
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      // JSON.parse defines "__proto__" as an ordinary own key, so hostile keys stay plain data.
      return { ok: true, body: JSON.parse(text) };
    } catch (error) {
      return { ok: false, status: 400, code: 'INVALID_JSON', message: `the body is not valid JSON: ${(error as Error).message}` };
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(text)) };
  }
  return { ok: true, body: text };
}
