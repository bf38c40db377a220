import jwt from 'jsonwebtoken';

export const TEST_JWT_SECRET = 'test-secret-for-hs256-tokens-only-in-tests-0123456789';

export interface TokenOptions {
  sub?: string;
  roles?: string[];
  secret?: string;
  expiresIn?: number;
  claims?: Record<string, unknown>;
}

/** An HS256 token as the company identity provider would issue it. */
export function mintToken(opts: TokenOptions = {}): string {
  const payload = { ...(opts.sub === undefined ? { sub: 'alice' } : { sub: opts.sub }), roles: opts.roles ?? ['web-scanner'], ...opts.claims };
  return jwt.sign(payload, opts.secret ?? TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: opts.expiresIn ?? 300 });
}

/** An unsigned `alg: none` token (must always be rejected). */
export function unsignedToken(payload: Record<string, unknown> = { sub: 'mallory', roles: ['ops-admin'] }): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...payload, exp: Math.floor(Date.now() / 1000) + 300 })}.`;
}
