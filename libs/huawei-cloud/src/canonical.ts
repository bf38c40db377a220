import { createHash, createHmac } from 'node:crypto';

/** Signing algorithm name used in the string to sign and the Authorization header. */
export const SDK_ALGORITHM = 'SDK-HMAC-SHA256';

/** Percent-encodes everything but RFC 3986 unreserved characters, uppercase hex over UTF-8. */
export function sdkEncode(value: string): string {
  // encodeURIComponent already leaves only unreserved characters plus !'()* alone.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray '%' is sent as-is; encoding it again gives both sides the same canonical form.
    return value;
  }
}

/**
 * Canonical URI of a raw (already percent-encoded) path: each segment decoded once and
 * re-encoded, so the signer and a verifier that sees the raw path agree; trailing '/' added.
 */
export function canonicalUri(rawPath: string): string {
  const path = rawPath === '' ? '/' : rawPath;
  const encoded = path
    .split('/')
    .map((segment) => sdkEncode(safeDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Canonical query of a raw query string (without '?'): keys sorted, repeated values sorted, all encoded. */
export function canonicalQuery(rawQuery: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const values = grouped.get(key);
    if (values) {
      values.push(value);
    } else {
      grouped.set(key, [value]);
    }
  }
  const parts: string[] = [];
  for (const key of [...grouped.keys()].sort()) {
    for (const value of (grouped.get(key) ?? []).sort()) {
      parts.push(`${sdkEncode(key)}=${sdkEncode(value)}`);
    }
  }
  return parts.join('&');
}

/** The signed header names (lower-case, sorted) and the canonical header block (each line ends with '\n'). */
export function canonicalHeaders(headers: ReadonlyMap<string, string>): { signedHeaders: string; block: string } {
  const names = [...headers.keys()].sort();
  const block = names.map((name) => `${name}:${(headers.get(name) ?? '').trim()}\n`).join('');
  return { signedHeaders: names.join(';'), block };
}

/** Hex SHA-256 of the exact body bytes. */
export function payloadHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export interface CanonicalParts {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: ReadonlyMap<string, string>;
  body: string | Buffer;
  sdkDate: string;
}

/** Computes the hex signature and the signed header list for a request, as APIG does. */
export function computeSignature(parts: CanonicalParts, sk: string): { signature: string; signedHeaders: string } {
  const { signedHeaders, block } = canonicalHeaders(parts.headers);
  const canonicalRequest = [
    parts.method.toUpperCase(),
    canonicalUri(parts.rawPath),
    canonicalQuery(parts.rawQuery),
    block,
    signedHeaders,
    payloadHash(parts.body),
  ].join('\n');
  const stringToSign = [SDK_ALGORITHM, parts.sdkDate, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const signature = createHmac('sha256', sk).update(stringToSign).digest('hex');
  return { signature, signedHeaders };
}
