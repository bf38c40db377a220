import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AuthConfig } from '../config/gateway-config';
import { jwksKeySet } from './jwks-key-set';

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
 * can never be used as an HMAC secret. An unknown `kid` may refetch the whole set (once
 * per cooldown, shared), which is how keys rotate without a restart.
 */
export function keyProvider(auth: AuthConfig): KeyProvider {
  const jwks = auth.jwksUri ? jwksKeySet(auth.jwksUri, { cooldownMs: auth.jwksCooldownMs }) : undefined;
  // jsonwebtoken takes a KeyObject as is; given a string it would parse it again on every call.
  const secret = auth.jwtSecret ? createSecretKey(Buffer.from(auth.jwtSecret.reveal())) : undefined;
  // passport-jwt's typings say string | Buffer; it hands the key to jsonwebtoken unchanged, which prefers a KeyObject.
  const give = (done: Done, key: KeyObject) => done(null, key as unknown as Buffer);
  return (_req, rawJwt, done) => {
    const header = jwt.decode(rawJwt, { complete: true })?.header;
    if (!header) return done(new Error('malformed token'));
    if (header.alg === 'HS256' && secret) return give(done, secret);
    if ((JWKS_ALGORITHMS as readonly string[]).includes(header.alg) && jwks) {
      jwks({ alg: header.alg, kid: header.kid }).then(
        (key) => give(done, key),
        (err: Error) => done(err),
      );
      return;
    }
    done(new Error(`token algorithm ${String(header.alg)} is not accepted`));
  };
}
