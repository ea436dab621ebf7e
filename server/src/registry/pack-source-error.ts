export type PackSourceErrorCode =
  /** The source string, file or folder is not something we can read a pack from. */
  | 'PACK_SOURCE_INVALID'
  /** The source has no manifest where one should be. */
  | 'PACK_MANIFEST_MISSING'
  /** A download failed: refused by the egress guard, timed out, answered non-2xx, or was too large. */
  | 'PACK_DOWNLOAD_FAILED'
  /** The archive breaks a rule (paths outside package/, links, size, entry count) or fails its integrity check. */
  | 'PACK_ARCHIVE_REFUSED';

/** Why a pack could not be read from its source; the message says what and where, never a credential. */
export class PackSourceError extends Error {
  constructor(
    readonly code: PackSourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackSourceError';
  }
}
