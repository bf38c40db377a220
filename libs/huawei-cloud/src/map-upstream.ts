import type { UpstreamReason, UpstreamResult } from './upstream-result';

/** An HTTP reply as the client received it (body undecoded). */
export interface UpstreamReply {
  status: number;
  header: (name: string) => string | undefined;
  body: string;
  durationMs: number;
}

/** Transport failures, i.e. no usable HTTP reply. */
export type TransportFailure = 'timeout' | 'unreachable' | 'bad_reply';

const MAX_ERROR_MSG = 1024;
// The id is echoed in a response header, so only a plain token is kept.
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
const RETRY_AFTER = /^(?:\d{1,10}|[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorFields(body: string): { code?: string; msg?: string; requestId?: string } {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) {
    return {};
  }
  const v = parsed.value;
  // HSS/APIG use {error_code, error_msg}; some IAM-fronted errors nest {error: {code, message}}.
  const nested = isRecord(v.error) ? v.error : {};
  const code = typeof v.error_code === 'string' ? v.error_code : typeof nested.code === 'string' ? nested.code : undefined;
  const msg = typeof v.error_msg === 'string' ? v.error_msg : typeof nested.message === 'string' ? nested.message : undefined;
  const requestId = typeof v.request_id === 'string' ? v.request_id : undefined;
  return { code, msg, requestId };
}

function result<T>(reason: UpstreamReason, gatewayStatus: number, reply: UpstreamReply | null, durationMs: number): UpstreamResult<T> {
  const id = reply?.header('x-request-id');
  return {
    reason,
    gatewayStatus,
    upstreamStatus: reply ? reply.status : null,
    upstreamRequestId: id && REQUEST_ID.test(id) ? id : null,
    durationMs,
    body: null,
  };
}

/**
 * Maps an HTTP reply onto the gateway's status table. `accept` checks a parsed 2xx body;
 * `redact` scrubs key material an upstream might echo back in its error message.
 */
export function mapUpstreamReply<T>(
  reply: UpstreamReply,
  accept: (value: unknown) => value is T,
  redact: (text: string) => string = (text) => text,
): UpstreamResult<T> {
  const { status } = reply;
  if (status >= 200 && status < 300) {
    const base = result<T>('ok', 200, reply, reply.durationMs);
    if (reply.body.trim() === '') {
      const empty: unknown = {};
      return accept(empty) ? { ...base, body: empty } : { ...base, reason: 'upstream_bad_reply', gatewayStatus: 502 };
    }
    const parsed = parseJson(reply.body);
    if (!parsed.ok || !accept(parsed.value)) {
      return { ...base, reason: 'upstream_bad_reply', gatewayStatus: 502 };
    }
    return { ...base, body: parsed.value };
  }
  if (status >= 400 && status < 500) {
    const fields = errorFields(reply.body);
    const base = result<T>('upstream_client_error', status, reply, reply.durationMs);
    if (base.upstreamRequestId === null && fields.requestId && REQUEST_ID.test(fields.requestId)) {
      base.upstreamRequestId = fields.requestId;
    }
    if (fields.code !== undefined) base.errorCode = redact(fields.code).slice(0, MAX_ERROR_MSG);
    if (fields.msg !== undefined) base.errorMsg = redact(fields.msg).slice(0, MAX_ERROR_MSG);
    if (status === 401 || status === 403) {
      // The upstream refused the gateway's own credentials: not the caller's fault.
      return { ...base, reason: 'upstream_auth_rejected', gatewayStatus: 502 };
    }
    if (status === 429) {
      const retryAfter = reply.header('retry-after')?.trim();
      const limited: UpstreamResult<T> = { ...base, reason: 'upstream_rate_limited', gatewayStatus: 429 };
      if (retryAfter && RETRY_AFTER.test(retryAfter)) limited.retryAfter = retryAfter;
      return limited;
    }
    return base;
  }
  if (status >= 500 && status < 600) {
    return result<T>('upstream_server_error', 502, reply, reply.durationMs);
  }
  // 1xx/3xx (redirects are not followed) or nonsense: nothing the gateway can relay.
  return result<T>('upstream_bad_reply', 502, reply, reply.durationMs);
}

/** Result for a call that produced no usable HTTP reply. */
export function mapTransportFailure<T = never>(failure: TransportFailure, durationMs: number): UpstreamResult<T> {
  switch (failure) {
    case 'timeout':
      return result<T>('upstream_timeout', 504, null, durationMs);
    case 'unreachable':
      return result<T>('upstream_unreachable', 502, null, durationMs);
    case 'bad_reply':
      return result<T>('upstream_bad_reply', 502, null, durationMs);
  }
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ABORT_ERR']);
const BAD_REPLY_CODES = new Set(['ERR_FR_MAX_BODY_LENGTH_EXCEEDED', 'Z_DATA_ERROR', 'Z_BUF_ERROR', 'ERR_BAD_RESPONSE', 'HPE_INVALID_CONSTANT']);

/** Classifies an error thrown by the HTTP layer; `timedOut` is whether our own deadline fired. */
export function classifyTransportError(error: unknown, timedOut: boolean): TransportFailure {
  if (timedOut) {
    return 'timeout';
  }
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
  if (code && TIMEOUT_CODES.has(code)) {
    return 'timeout';
  }
  if (code && (BAD_REPLY_CODES.has(code) || code.startsWith('HPE_'))) {
    return 'bad_reply';
  }
  // Resets, refusals, DNS failures, "socket hang up" and anything unknown: the upstream was not reached usefully.
  return 'unreachable';
}
