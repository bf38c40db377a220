import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import type { AuthConfig } from '../config/gateway-config';

type Done = (err: Error | null, key?: string | Buffer) => void;
/** jsonwebtoken takes a KeyObject as is; given a string it first tries (and, for a secret, fails) to parse a public key on every call. */
type KeyMaterial = KeyObject;
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
  const secret = auth.jwtSecret ? createSecretKey(Buffer.from(auth.jwtSecret.reveal())) : undefined;
  const publicKeys = new Map<string, KeyMaterial>();
  const publicKey = (pem: string): KeyMaterial => {
    let key = publicKeys.get(pem);
    if (!key) {
      if (publicKeys.size >= 64) publicKeys.clear(); // a handful of live keys; never grows without bound
      key = createPublicKey(pem);
      publicKeys.set(pem, key);
    }
    return key;
  };
  // passport-jwt's typings say string | Buffer; it hands the key to jsonwebtoken unchanged, which prefers a KeyObject.
  const give = (done: Done, key: KeyMaterial) => done(null, key as unknown as Buffer);
  return (_req, rawJwt, done) => {
    const header = jwt.decode(rawJwt, { complete: true })?.header;
    if (!header) return done(new Error('malformed token'));
    if (header.alg === 'HS256' && secret) return give(done, secret);
    if ((JWKS_ALGORITHMS as readonly string[]).includes(header.alg) && jwks) {
      jwks.getSigningKey(header.kid).then(
        (key) => give(done, publicKey(key.getPublicKey())),
        (err: Error) => done(keyLookupError(err)),
      );
      return;
    }
    done(new Error(`token algorithm ${String(header.alg)} is not accepted`));
  };
}
