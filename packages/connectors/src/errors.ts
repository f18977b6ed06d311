/**
 * Why a vendor call failed, in terms the sync acts on: `retryable` failures are retried within
 * the run and then parked in connector_errors; the others need a person (bad token, bad config).
 */
export type ConnectorErrorKind =
  | 'http'
  | 'timeout'
  | 'network'
  | 'bad_payload'
  | 'repeated_page'
  | 'rate_limited'
  | 'auth'
  | 'not_configured'
  | 'egress_refused'
  | 'too_large'
  | 'aborted';

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(
    kind: ConnectorErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  /** Worth another attempt in this run: the response was unusable but the next one may not be. */
  get transient(): boolean {
    return (
      ['timeout', 'network', 'bad_payload', 'repeated_page', 'rate_limited'].includes(this.kind) ||
      (this.kind === 'http' && this.status !== null && (this.status >= 500 || this.status === 429))
    );
  }
}

export function toConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof Error) {
    if (error.name === 'AbortError') return new ConnectorError('aborted', 'Sync aborted');
    if (error.name === 'HttpTimeoutError') return new ConnectorError('timeout', error.message);
    if (error.name === 'EgressRefusedError') return new ConnectorError('egress_refused', error.message);
    if (error.name === 'ResponseTooLargeError') return new ConnectorError('too_large', error.message);
    // undici may wrap a connector's error; the policy's reason is the useful part.
    if (error.cause instanceof Error && error.cause.name === 'EgressRefusedError')
      return new ConnectorError('egress_refused', error.cause.message);
    return new ConnectorError('network', error.message);
  }
  return new ConnectorError('network', String(error));
}

export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof ConnectorError && error.kind === 'aborted');
}
