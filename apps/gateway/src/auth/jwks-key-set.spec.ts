import jwt from 'jsonwebtoken';
import { generateIdpKey, startJwksServer, type IdpKey, type JwksServer } from '@app/testing';
import { KeySetUnavailableError, UnknownSigningKeyError, jwksKeySet, type JwksKeySet } from './jwks-key-set';

// Long enough that a loaded CI machine cannot cross a window between two steps that must share it.
const COOLDOWN_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Against a real key set endpoint on a socket; cooldown shortened so the windows can be crossed. */
describe('jwksKeySet', () => {
  let rsa: IdpKey;
  let ec: IdpKey;
  let idp: JwksServer;
  let keys: JwksKeySet;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([generateIdpKey('RS256', 'rsa-1'), generateIdpKey('ES256', 'ec-1')]);
  });
  beforeEach(async () => {
    idp = await startJwksServer([rsa, ec]);
    keys = jwksKeySet(idp.jwksUri, { cooldownMs: COOLDOWN_MS, timeoutMs: 1000 });
  });
  afterEach(() => idp.close());

  it('returns KeyObjects that verify the key holder’s tokens, fetched once and reused', async () => {
    for (const key of [rsa, ec]) {
      const keyObject = await keys({ alg: key.alg, kid: key.kid });
      expect(jwt.verify(await idp.sign(key), keyObject, { algorithms: [key.alg] })).toMatchObject({ sub: 'alice' });
      expect(await keys({ alg: key.alg, kid: key.kid })).toBe(keyObject);
    }
    expect(idp.fetches).toBe(1);
  });

  it('never hands out a key for another algorithm’s kid', async () => {
    await expect(keys({ alg: 'RS256', kid: ec.kid })).rejects.toBeInstanceOf(UnknownSigningKeyError);
    await expect(keys({ alg: 'ES256', kid: rsa.kid })).rejects.toBeInstanceOf(UnknownSigningKeyError);
  });

  it('a flood of unknown kids costs at most one fetch per cooldown, shared by concurrent lookups', async () => {
    await keys({ alg: 'RS256', kid: rsa.kid });
    const flood = (n: number) => Promise.allSettled(Array.from({ length: n }, (_, i) => keys({ alg: 'RS256', kid: `rand-${i}` })));
    const first = await flood(50);
    expect(first.every((r) => r.status === 'rejected' && r.reason instanceof UnknownSigningKeyError)).toBe(true);
    expect(idp.fetches).toBe(1); // still cooling down from the first fetch
    await sleep(COOLDOWN_MS + 50);
    await flood(50);
    expect(idp.fetches).toBe(2); // one shared refetch for all 50
    await flood(50);
    expect(idp.fetches).toBe(2);
    // Known keys kept working throughout.
    expect(jwt.verify(await idp.sign(rsa), await keys({ alg: 'RS256', kid: rsa.kid }))).toBeTruthy();
  });

  it('picks up a rotated key at the first refetch after a flood', async () => {
    const rotated = await generateIdpKey('RS256', 'rsa-2'); // key generation is slow: before the window opens
    await keys({ alg: 'RS256', kid: rsa.kid });
    idp.publish([rotated, ec]);
    for (let i = 0; i < 20; i += 1) await expect(keys({ alg: 'RS256', kid: `rand-${i}` })).rejects.toBeInstanceOf(UnknownSigningKeyError);
    // Inside the cooldown the new kid is not known yet...
    await expect(keys({ alg: 'RS256', kid: rotated.kid })).rejects.toBeInstanceOf(UnknownSigningKeyError);
    await sleep(COOLDOWN_MS + 50);
    // ...and the first lookup after it refetches and finds it.
    const key = await keys({ alg: 'RS256', kid: rotated.kid });
    expect(jwt.verify(await idp.sign(rotated), key)).toBeTruthy();
    expect(idp.fetches).toBe(2);
  });

  it('an unreachable set is 503, is not refetched during the cooldown, cached keys keep working, then recovers', async () => {
    await keys({ alg: 'ES256', kid: ec.kid });
    await sleep(COOLDOWN_MS + 50);
    const fresh = await generateIdpKey('ES256', 'ec-2');
    for (const mode of ['error', 'reset'] as const) {
      idp.setMode(mode);
      const before = idp.fetches;
      await expect(keys({ alg: 'ES256', kid: fresh.kid })).rejects.toBeInstanceOf(KeySetUnavailableError);
      await expect(keys({ alg: 'ES256', kid: `rand-${mode}` })).rejects.toBeInstanceOf(KeySetUnavailableError);
      expect(idp.fetches).toBe(before + 1);
      expect(await keys({ alg: 'ES256', kid: ec.kid })).toBeTruthy();
      await sleep(COOLDOWN_MS + 50);
    }
    idp.setMode('up');
    idp.publish([fresh, ec]);
    expect(jwt.verify(await idp.sign(fresh), await keys({ alg: 'ES256', kid: fresh.kid }))).toBeTruthy();
  });

  it.each(['error', 'invalid', 'hang'] as const)('a first fetch that fails (%s) is 503', async (mode) => {
    idp.setMode(mode);
    const quick = jwksKeySet(idp.jwksUri, { cooldownMs: COOLDOWN_MS, timeoutMs: 200 });
    await expect(quick({ alg: 'RS256', kid: rsa.kid })).rejects.toBeInstanceOf(KeySetUnavailableError);
  });
});
