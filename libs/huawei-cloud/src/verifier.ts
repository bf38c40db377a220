import { timingSafeEqual } from 'node:crypto';
import { parseAuthorization } from './authorization-header';
import { computeSignature } from './canonical';
import { parseSdkDate } from './sdk-date';

export interface ReceivedRequest {
  method: string;
  /** Path plus raw query as received, e.g. '/v5/p/x?enterprise_project_id=0'. */
  url: string;
  /** Node's IncomingHttpHeaders: lower-case keys, includes host. */
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received. */
  body: Buffer;
}

export type VerifyFailureReason = 'missing' | 'malformed' | 'unknown_ak' | 'expired' | 'bad_signature';

export type VerifyResult = { ok: true; ak: string } | { ok: false; reason: VerifyFailureReason; message: string };

const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

function fail(reason: VerifyFailureReason, message: string): VerifyResult {
  return { ok: false, reason, message };
}

function header(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const target = url.startsWith('/') ? url : (() => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  })();
  const withoutFragment = target.split('#')[0];
  const q = withoutFragment.indexOf('?');
  return q < 0
    ? { rawPath: withoutFragment, rawQuery: '' }
    : { rawPath: withoutFragment.slice(0, q), rawQuery: withoutFragment.slice(q + 1) };
}

/** Checks an SDK-HMAC-SHA256 signed request the way APIG does; messages never carry key material. */
export function verifySignature(
  req: ReceivedRequest,
  secretFor: (ak: string) => string | undefined,
  now: Date,
  maxSkewMs: number = DEFAULT_MAX_SKEW_MS,
): VerifyResult {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) {
    return fail('missing', 'Authorization header is missing');
  }
  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    return fail('malformed', 'Authorization header is not a valid SDK-HMAC-SHA256 authorization');
  }
  const sdkDate = header(req.headers, 'x-sdk-date');
  if (!sdkDate) {
    return fail('missing', 'X-Sdk-Date header is missing');
  }
  const date = parseSdkDate(sdkDate);
  if (!date) {
    return fail('malformed', 'X-Sdk-Date must be YYYYMMDDTHHMMSSZ');
  }
  // Without these two the signature would not bind the request to this host and this moment.
  if (!parsed.signedHeaders.includes('host') || !parsed.signedHeaders.includes('x-sdk-date')) {
    return fail('malformed', 'SignedHeaders must include host and x-sdk-date');
  }
  const sk = secretFor(parsed.ak);
  if (sk === undefined) {
    return fail('unknown_ak', 'The access key is not known');
  }
  if (Math.abs(now.getTime() - date.getTime()) > maxSkewMs) {
    return fail('expired', 'X-Sdk-Date is outside the allowed clock skew');
  }
  const signed = new Map<string, string>();
  for (const name of parsed.signedHeaders) {
    const value = header(req.headers, name);
    if (value === undefined) {
      return fail('bad_signature', `Signed header "${name}" is missing from the request`);
    }
    signed.set(name, value);
  }
  const { rawPath, rawQuery } = splitUrl(req.url);
  const { signature } = computeSignature({ method: req.method, rawPath, rawQuery, headers: signed, body: req.body, sdkDate }, sk);
  // Both are 64 hex chars (the parser enforces it), so timingSafeEqual sees equal lengths.
  if (!timingSafeEqual(Buffer.from(signature, 'utf8'), Buffer.from(parsed.signature, 'utf8'))) {
    return fail('bad_signature', 'The request signature does not match');
  }
  return { ok: true, ak: parsed.ak };
}
