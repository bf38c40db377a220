const REDACTED = '[REDACTED]';

// Keys whose value is a credential wherever they appear (headers copied by mistake, token fields).
// Matched against the key lower-cased with '-' read as '_'.
const SECRET_KEY = /^(authorization|proxy_authorization|cookie|set_cookie|(x_)?security_?token|x_auth_token|access_?token|refresh_?token|id_?token|token|password|passwd|secret|client_?secret|sk|secret_?key|access_?key_?secret)$/;
// A bearer credential (long enough to be one: "missing bearer token" is prose, not a secret)
// or a JWT (three base64url segments starting with a JSON header).
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Replaces bearer tokens and JWTs inside a string with a marker. */
export function redactSecretText(text: string): string {
  return text.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED);
}

/**
 * Deep copy of a JSON-like value with credential-named keys and token-looking
 * strings replaced, so a caller mistake can never persist a secret.
 */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactSecretText(value);
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key.toLowerCase().replaceAll('-', '_')) ? REDACTED : redactSecrets(item);
    }
    return out;
  }
  return value;
}
