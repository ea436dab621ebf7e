import addressparser from 'nodemailer/lib/addressparser/index.js';

/** A bare address: something@domain without spaces or brackets (the server has the last word on the rest). */
const plausible = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;.]+$/;

export type ParsedAddresses = { ok: true; addresses: string[] } | { ok: false; index: number; message: string };

/**
 * One list of recipients from a list of entries, each possibly comma-separated (`Ada <ada@example.com>,
 * bob@example.com`), as templates tend to produce. Display names are kept; every address must look like one.
 */
export function parseAddresses(entries: readonly string[]): ParsedAddresses {
  const addresses: string[] = [];
  for (const [index, entry] of entries.entries()) {
    for (const parsed of addressparser(entry, { flatten: true })) {
      if (!plausible.test(parsed.address)) return { ok: false, index, message: `"${parsed.address || entry}" is not an e-mail address` };
      addresses.push(parsed.name ? `${JSON.stringify(parsed.name)} <${parsed.address}>` : parsed.address);
    }
  }
  return { ok: true, addresses };
}
