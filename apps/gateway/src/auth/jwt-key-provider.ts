import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import type { AuthConfig } from '../config/gateway-config';

type Done = (err: Error | null, key?: string | Buffer) => void;
export type KeyProvider = (req: unknown, rawJwt: string, done: Done) => void;

export const HMAC_ALGORITHMS = ['HS256'] as const;
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** The algorithms the gateway accepts, given which key material is configured. Never `none`. */
export function acceptedAlgorithms(auth: AuthConfig): jwt.Algorithm[] {
  return [...(auth.jwtSecret ? HMAC_ALGORITHMS : []), ...(auth.jwksUri ? JWKS_ALGORITHMS : [])];
}

/**
 * Picks the verification key by the token's algorithm: HS256 only ever uses the shared
 * secret and RS256/ES256 only ever use the identity provider's key set, so a public key
 * can never be used as an HMAC secret. An unknown `kid` makes jwks-rsa refetch the set
 * (rate limited), which is how keys rotate without a restart.
 */
export function keyProvider(auth: AuthConfig): KeyProvider {
  const jwks = auth.jwksUri
    ? new JwksClient({ jwksUri: auth.jwksUri, cache: true, cacheMaxAge: 10 * 60_000, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 })
    : undefined;
  return (_req, rawJwt, done) => {
    const header = jwt.decode(rawJwt, { complete: true })?.header;
    if (!header) return done(new Error('malformed token'));
    if (header.alg === 'HS256' && auth.jwtSecret) return done(null, auth.jwtSecret.reveal());
    if ((JWKS_ALGORITHMS as readonly string[]).includes(header.alg) && jwks) {
      jwks.getSigningKey(header.kid).then(
        (key) => done(null, key.getPublicKey()),
        (err: Error) => done(err.name === 'SigningKeyNotFoundError' ? new Error('unknown signing key') : err),
      );
      return;
    }
    done(new Error(`token algorithm ${String(header.alg)} is not accepted`));
  };
}
