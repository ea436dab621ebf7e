export type ConnectionErrorCode =
  /** The connection is missing. */
  | 'CONNECTION_NOT_FOUND'
  /** The connection belongs to another pack than the step that uses it. */
  | 'CONNECTION_WRONG_PACK'
  /** The vendor no longer accepts the credentials; a person must reconnect. */
  | 'NEEDS_REAUTH'
  /** The token endpoint failed; `retryable` says whether trying later may help. */
  | 'TOKEN_REQUEST_FAILED'
  /** The pack's auth cannot do what was asked (e.g. no authorization URL for the browser flow). */
  | 'AUTH_MISCONFIGURED'
  /** The stored secrets cannot be decrypted with this server's key. */
  | 'SECRETS_UNREADABLE';

/** Why a connection could not authenticate a call. Messages never carry a secret. */
export class ConnectionError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectionError';
    this.retryable = options.retryable ?? false;
  }
}
