import { URLSearchParams } from 'node:url';

/**
 * The form parameters as Twilio appends them to the URL before signing, following twilio-node's
 * `getExpectedTwilioSignature`: names sorted, each `name + value` with no separators; a repeated name
 * contributes each distinct value once, values sorted.
 */
export function twilioSignedParams(form: string): string {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(form)) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  let signed = '';
  for (const name of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(name))].sort()) signed += name + value;
  }
  return signed;
}
