import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import type { AuthConfig } from '../config/gateway-config';

type Done = (err: Error | null, key?: string | Buffer) => void;
export type KeyProvider = (req: unknown, rawJwt: string, done: Done) => void;

export const HMAC_ALGORITHMS = ['HS256'] as const;
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** How long fetched keys are trusted before the set is read again, and how often an unknown kid may trigger a fetch. */
const JWKS_CACHE_MS = 10 * 60_000;
const JWKS_FETCHES_PER_MINUTE = 10;
const JWKS_TIMEOUT_MS = 5000;

/** The identity provider's key set could not be fetched or read: the token may be fine, so the caller should retry (503). */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

/** The algorithms the gateway accepts, given which key material is configured. Never `none`. */
export function acceptedAlgorithms(auth: AuthConfig): jwt.Algorithm[] {
  return [...(auth.jwtSecret ? HMAC_ALGORITHMS : []), ...(auth.jwksUri ? JWKS_ALGORITHMS : [])];
}

/**
 * Maps jwks-rsa failures to what the caller is told. A kid the set does not hold, or a
 * refetch refused by the rate limiter, is the token's problem (401): otherwise a flood of
 * random kids would turn into 503s. A set that cannot be fetched or read is ours (503).
 */
export function keyLookupError(err: Error & { isEndpointUnavailable?: boolean }): Error {
  if (err.name === 'SigningKeyNotFoundError' || err.name === 'JwksRateLimitError') return new Error('unknown signing key');
  if (err.isEndpointUnavailable || err.name === 'JwksError') return new KeySetUnavailableError('identity provider key set unavailable');
  return err;
}

/**
 * Picks the verification key by the token's algorithm: HS256 only ever uses the shared
 * secret and RS256/ES256 only ever use the identity provider's key set, so a public key
 * can never be used as an HMAC secret. An unknown `kid` makes jwks-rsa refetch the set
 * (rate limited), which is how keys rotate without a restart.
 */
export function keyProvider(auth: AuthConfig): KeyProvider {
  const jwks = auth.jwksUri
    ? new JwksClient({
        jwksUri: auth.jwksUri,
        cache: true,
        cacheMaxAge: JWKS_CACHE_MS,
        rateLimit: true,
        jwksRequestsPerMinute: JWKS_FETCHES_PER_MINUTE,
        timeout: JWKS_TIMEOUT_MS,
      })
    : undefined;
  return (_req, rawJwt, done) => {
    const header = jwt.decode(rawJwt, { complete: true })?.header;
    if (!header) return done(new Error('malformed token'));
    if (header.alg === 'HS256' && auth.jwtSecret) return done(null, auth.jwtSecret.reveal());
    if ((JWKS_ALGORITHMS as readonly string[]).includes(header.alg) && jwks) {
      jwks.getSigningKey(header.kid).then(
        (key) => done(null, key.getPublicKey()),
        (err: Error) => done(keyLookupError(err)),
      );
      return;
    }
    done(new Error(`token algorithm ${String(header.alg)} is not accepted`));
  };
}
