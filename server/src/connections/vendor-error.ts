/**
 * A vendor call that failed after it was sent (or could not be sent: throttled, bad base URL). `retryable`
 * follows DESIGN §4.4: 408, 429 and 5xx may succeed later, other answers will fail the same way again.
 * Messages are for the user and never carry credentials.
 */
export class VendorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: {
      status?: number | undefined;
      retryable?: boolean | undefined;
      retryAfterMs?: number | undefined;
      /** The vendor's own error code, when its error body names one. */
      vendorCode?: string | undefined;
    } = {},
  ) {
    super(message);
    this.name = 'VendorError';
  }

  get status(): number | undefined {
    return this.options.status;
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
