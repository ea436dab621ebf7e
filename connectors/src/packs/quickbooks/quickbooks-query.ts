/**
 * QuickBooks Online minor version every request names (developer.intuit.com "Minor versions"): 75 is the
 * version Intuit serves since it retired the earlier ones in 2025, and node-quickbooks' default.
 */
export const minorversion = '75';

/**
 * A value inside a quoted string of a QuickBooks query ("select … where DisplayName = '…'"): backslashes and
 * apostrophes are escaped with a backslash, as the query language reads them, so a name such as O'Brien
 * stays one value and cannot end the string.
 */
export const quoted = (key: string) => String.raw`'{{input.${key} | replace: "\\", "\\\\" | replace: "'", "\\'"}}'`;

/** The query endpoint (GET /query?query=<select statement>) with the pinned minor version. */
export const queryRequest = (statement: string) => ({ method: 'GET' as const, path: '/query', query: { query: statement, minorversion } });
