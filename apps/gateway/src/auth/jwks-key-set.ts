import { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, type CryptoKey, type JWK } from 'jose';

/** The identity provider's key set could not be fetched or read: the token may be fine, so the caller should retry (503). */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

/** The token names a key the set does not hold (or names none and the set holds several): the token's problem (401). */
export class UnknownSigningKeyError extends Error {
  override readonly name = 'UnknownSigningKeyError';
  constructor() {
    super('unknown signing key');
  }
}

export interface JwksKeySetOptions {
  /** After a fetch (good or failed), no further fetch for this long, whatever kids arrive. Default 30 s. */
  cooldownMs?: number;
  /** How long a fetched set is trusted before it is read again. Default 10 minutes. */
  cacheMaxAgeMs?: number;
  /** One fetch may take this long. Default 5 s. */
  timeoutMs?: number;
}

export const JWKS_DEFAULTS = { cooldownMs: 30_000, cacheMaxAgeMs: 10 * 60_000, timeoutMs: 5000 } as const;

/** The part of a token header that selects a key. */
export interface KeyHeader {
  alg: string;
  kid?: string;
}

/** Finds the verification key for a token header; rejects with UnknownSigningKeyError or KeySetUnavailableError. */
export type JwksKeySet = (header: KeyHeader) => Promise<KeyObject>;

const KTY: Record<string, string> = { RS256: 'RSA', ES256: 'EC' };

/**
 * The identity provider's whole key set, cached and refetched as one shared call (jose):
 * a kid in the set is answered from memory; an unknown kid triggers at most one refetch
 * per cooldown, shared by every request waiting on it, so a flood of made-up kids cannot
 * use up fetches that a rotated key needs. A failed fetch also starts a cooldown, so an
 * unreachable identity provider is not hammered at the rate tokens arrive; meanwhile
 * lookups the cached set can answer keep working and the rest get 503.
 */
export function jwksKeySet(uri: string, options: JwksKeySetOptions = {}): JwksKeySet {
  const { cooldownMs, cacheMaxAgeMs, timeoutMs } = { ...JWKS_DEFAULTS, ...options };
  const remote = createRemoteJWKSet(new URL(uri), { cooldownDuration: cooldownMs, cacheMaxAge: cacheMaxAgeMs, timeoutDuration: timeoutMs });
  // jose returns the same CryptoKey for a key until the set is refetched; jsonwebtoken wants a KeyObject.
  const keyObjects = new WeakMap<object, KeyObject>();
  let failedAt = Number.NEGATIVE_INFINITY;

  /** True when jose would answer `header` without fetching: the set is fresh and holds a matching key. */
  const inCache = (header: KeyHeader): boolean =>
    remote.fresh && (remote.jwks()?.keys ?? []).some((k: JWK) => k.kid === header.kid && k.kty === KTY[header.alg] && (k.alg === undefined || k.alg === header.alg));

  return async (header) => {
    if (Date.now() < failedAt + cooldownMs && !inCache(header)) {
      throw new KeySetUnavailableError('identity provider key set unavailable');
    }
    let key: CryptoKey;
    try {
      key = await remote({ alg: header.alg, kid: header.kid });
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw new UnknownSigningKeyError();
      failedAt = Date.now();
      throw new KeySetUnavailableError('identity provider key set unavailable');
    }
    let keyObject = keyObjects.get(key);
    if (!keyObject) {
      keyObject = KeyObject.from(key);
      keyObjects.set(key, keyObject);
    }
    return keyObject;
  };
}
