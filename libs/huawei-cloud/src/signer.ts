import { computeSignature, SDK_ALGORITHM } from './canonical';
import type { Credentials } from './credentials';
import { formatSdkDate } from './sdk-date';

export interface SignableRequest {
  method: string;
  /** Absolute URL including the query, exactly as it will be requested. */
  url: string;
  headers: Record<string, string>;
  /** The exact body that will be sent ('' for none). */
  body: string;
}

/** A new request value: same method/url/body, a new headers object carrying the signature. */
export type SignedRequest = SignableRequest;

// Set by the signer (or by Node, for host); a caller's copy would either be stale or forge the signature input.
const RESERVED = new Set(['host', 'authorization', 'x-sdk-date', 'x-security-token']);

/** Signs a request with SDK-HMAC-SHA256 (Huawei Cloud AK/SK); pure, the input is never mutated. */
export function signRequest(req: SignableRequest, credentials: Credentials, now: Date): SignedRequest {
  const url = new URL(req.url);
  const sdkDate = formatSdkDate(now);
  const headers: Record<string, string> = {};
  const signed = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) {
      continue;
    }
    if (signed.has(lower)) {
      throw new TypeError(`Header "${lower}" given more than once`);
    }
    signed.set(lower, value);
    headers[name] = value;
  }
  // URL.host omits the default port, exactly like the Host header Node's http client sends.
  signed.set('host', url.host);
  signed.set('x-sdk-date', sdkDate);
  headers['X-Sdk-Date'] = sdkDate;
  if (credentials.securityToken) {
    const token = credentials.securityToken.reveal();
    signed.set('x-security-token', token);
    headers['X-Security-Token'] = token;
  }
  const { signature, signedHeaders } = computeSignature(
    { method: req.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers: signed, body: req.body, sdkDate },
    credentials.sk.reveal(),
  );
  headers['Authorization'] =
    `${SDK_ALGORITHM} Access=${credentials.ak.reveal()}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { method: req.method, url: req.url, headers, body: req.body };
}
