/** Why an upstream call ended as it did; each maps to one gateway status. */
export type UpstreamReason =
  | 'ok'
  | 'upstream_client_error'
  | 'upstream_auth_rejected'
  | 'upstream_rate_limited'
  | 'upstream_server_error'
  | 'upstream_bad_reply'
  | 'upstream_unreachable'
  | 'upstream_timeout';

/** The outcome of one upstream call; the client returns it instead of throwing. */
export interface UpstreamResult<T = unknown> {
  reason: UpstreamReason;
  /** What the gateway must answer, per the CONTRACT status table. */
  gatewayStatus: number;
  /** null when no HTTP reply arrived. */
  upstreamStatus: number | null;
  /** The upstream's X-Request-Id response header. */
  upstreamRequestId: string | null;
  durationMs: number;
  /** Parsed body on success, otherwise null. */
  body: T | null;
  errorCode?: string;
  errorMsg?: string;
  retryAfter?: string;
}
