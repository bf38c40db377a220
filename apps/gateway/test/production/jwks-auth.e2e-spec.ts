import { createPublicKey, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { GatewayConfig } from '../../src/config/gateway-config';
import { generateIdpKey, postScan, scanTaskCalls, startJwksServer, startTestGateway, unsignedToken, type IdpKey, type JwksServer, type TestGateway } from '@app/testing';

/** Shortened key set cooldown (production: 30 s) so specs can cross a window. */
// Wide enough that a loaded CI machine cannot cross a window between steps that must share it.
const COOLDOWN_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withCooldown = (cooldownMs: number) => (config: GatewayConfig): GatewayConfig => ({ ...config, auth: { ...config.auth, jwksCooldownMs: cooldownMs } });

/**
 * RS256/ES256 tokens verified against a real key set endpoint: claims checked with a
 * small clock tolerance, only the configured algorithms, key rotation by an unknown
 * kid (one shared refetch per cooldown), and a clear 503 (never a crash) when the key
 * set cannot be fetched.
 */
describe('identity provider keys (AUTH_JWKS_URI)', () => {
  let idp: JwksServer;
  let gw: TestGateway;
  let rsa: IdpKey;
  let ec: IdpKey;

  const jwksEnv = (server: JwksServer) => ({
    AUTH_JWT_SECRET: undefined,
    AUTH_JWKS_URI: server.jwksUri,
    AUTH_JWT_ISSUER: server.issuer,
    AUTH_JWT_AUDIENCE: server.audience,
  });

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([generateIdpKey('RS256', 'rsa-1'), generateIdpKey('ES256', 'ec-1')]);
    idp = await startJwksServer([rsa, ec]);
    gw = await startTestGateway({ env: jwksEnv(idp), configure: withCooldown(COOLDOWN_MS) });
  });
  afterAll(async () => {
    await gw.close();
    await idp.close();
  });

  async function expectRejected(token: string, status: number, message: RegExp): Promise<void> {
    const before = gw.sandbox.calls.length;
    const res = await postScan(gw.url, { token });
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect(gw.sandbox.calls.length).toBe(before);
  }

  it('accepts RS256 and ES256 tokens from the key set and forwards', async () => {
    for (const key of [rsa, ec]) {
      const res = await postScan(gw.url, { token: await idp.sign(key) });
      expect(res.status).toBe(200);
    }
  });

  it('checks issuer and audience', async () => {
    await expectRejected(await idp.sign(rsa, { issuer: 'https://evil.example/' }), 401, /issuer invalid/);
    await expectRejected(await idp.sign(rsa, { audience: 'someone-else' }), 401, /audience invalid/);
  });

  it('checks exp and nbf with a 30 s clock tolerance', async () => {
    expect((await postScan(gw.url, { token: await idp.sign(rsa, { expiresIn: -10 }) })).status).toBe(200);
    expect((await postScan(gw.url, { token: await idp.sign(rsa, { notBefore: 10 }) })).status).toBe(200);
    await expectRejected(await idp.sign(rsa, { expiresIn: -120 }), 401, /^token expired$/);
    await expectRejected(await idp.sign(rsa, { notBefore: 120 }), 401, /^token not yet valid$/);
    await expectRejected(await idp.sign(rsa, { noExpiry: true }), 401, /no exp/);
  });

  it('accepts only RS256/ES256: no HS256 signed with the public key, no alg none', async () => {
    const pem = createPublicKey({ key: rsa.publicJwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const payload = { sub: 'mallory', roles: ['ops-admin'], iss: idp.issuer, aud: idp.audience };
    // The classic confusion attack: HMAC keyed with the published RSA public key.
    const confused = jwt.sign(payload, pem, { algorithm: 'HS256', expiresIn: 300, keyid: rsa.kid, allowInsecureKeySizes: true } as jwt.SignOptions);
    await expectRejected(confused, 401, /algorithm|invalid/);
    await expectRejected(jwt.sign(payload, 'any-shared-secret-at-all-0123456789abcdef', { algorithm: 'HS256', expiresIn: 300 }), 401, /not accepted/);
    await expectRejected(unsignedToken({ sub: 'mallory', roles: ['ops-admin'], iss: idp.issuer, aud: idp.audience }), 401, /invalid token/);
  });

  it('an unknown kid refetches the key set once per cooldown: a rotated key works without restart, a foreign one gets 401', async () => {
    const rotated = await generateIdpKey('RS256', 'rsa-2');
    const foreign = await generateIdpKey('RS256', 'rsa-foreign');
    await sleep(COOLDOWN_MS);
    idp.publish([rotated, ec]);

    let fetches = idp.fetches;
    expect((await postScan(gw.url, { token: await idp.sign(rotated) })).status).toBe(200);
    expect(idp.fetches).toBe(fetches + 1);
    // The whole set is cached now: no further fetch for its kids.
    expect((await postScan(gw.url, { token: await idp.sign(rotated) })).status).toBe(200);
    expect((await postScan(gw.url, { token: await idp.sign(ec) })).status).toBe(200);
    expect(idp.fetches).toBe(fetches + 1);
    // Inside the cooldown an unknown kid is refused without a fetch; after it, with exactly one.
    await expectRejected(await idp.sign(foreign), 401, /^invalid token: unknown signing key$/);
    expect(idp.fetches).toBe(fetches + 1);
    await sleep(COOLDOWN_MS);
    fetches = idp.fetches;
    await expectRejected(await idp.sign(foreign), 401, /^invalid token: unknown signing key$/);
    expect(idp.fetches).toBe(fetches + 1);
    // A known kid with a signature from another key is still a forgery.
    await expectRejected(await idp.sign(foreign, { kid: rotated.kid }), 401, /invalid signature/);
  });

  it('answers 503 when the key set cannot be fetched (one attempt per cooldown), keeps serving cached keys, and recovers', async () => {
    const fresh = await generateIdpKey('ES256', 'ec-2');
    for (const mode of ['error', 'reset', 'invalid'] as const) {
      await sleep(COOLDOWN_MS);
      idp.setMode(mode);
      const fetches = idp.fetches;
      await expectRejected(await idp.sign(fresh), 503, /^identity provider key set unavailable$/);
      await expectRejected(await idp.sign(fresh), 503, /^identity provider key set unavailable$/);
      expect(idp.fetches).toBe(fetches + 1);
      expect((await postScan(gw.url, { token: await idp.sign(ec) })).status).toBe(200);
    }
    idp.setMode('up');
    idp.publish([fresh, ec]);
    await sleep(COOLDOWN_MS);
    expect((await postScan(gw.url, { token: await idp.sign(fresh) })).status).toBe(200);
    expect((await fetch(`${gw.url}/health/live`)).status).toBe(200);
  });

  async function floodedGateway(cooldownMs: number, run: (own: JwksServer, flooded: TestGateway) => Promise<void>): Promise<void> {
    const own = await startJwksServer([rsa]);
    const flooded = await startTestGateway({ env: jwksEnv(own), configure: withCooldown(cooldownMs) });
    try {
      await run(own, flooded);
    } finally {
      await flooded.close();
      await own.close();
    }
  }
  const garbage = (server: JwksServer, i: number) => server.sign(rsa, { kid: `rand-${i}` });

  it('a flood of made-up kids costs at most one key set fetch per cooldown (30 s by default) and locks no one out', async () => {
    await floodedGateway(30_000, async (own, flooded) => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i += 1) statuses.push((await postScan(flooded.url, { token: await garbage(own, i) })).status);
      const tokens = await Promise.all(Array.from({ length: 25 }, (_, i) => garbage(own, 100 + i)));
      statuses.push(...(await Promise.all(tokens.map(async (token) => (await postScan(flooded.url, { token })).status))));
      expect(new Set(statuses)).toEqual(new Set([401]));
      expect(own.fetches).toBe(1);
      // The key everyone really uses was never in doubt.
      expect((await postScan(flooded.url, { token: await own.sign(rsa) })).status).toBe(200);
      expect(scanTaskCalls(flooded.sandbox)).toHaveLength(1);
    });
  });

  it('after a flood of made-up kids, a rotated key is accepted once the cooldown has passed', async () => {
    await floodedGateway(COOLDOWN_MS, async (own, flooded) => {
      const started = Date.now();
      expect((await postScan(flooded.url, { token: await own.sign(rsa) })).status).toBe(200);
      const rotated = await generateIdpKey('ES256', 'ec-rotated');
      own.publish([rsa, rotated]);
      // The reported attack: 11+ garbage kids, then a good token under a kid not yet cached.
      for (let i = 0; i < 15; i += 1) expect((await postScan(flooded.url, { token: await garbage(own, i) })).status).toBe(401);
      await sleep(COOLDOWN_MS);
      expect((await postScan(flooded.url, { token: await own.sign(rotated) })).status).toBe(200);
      expect((await postScan(flooded.url, { token: await own.sign(rsa) })).status).toBe(200);
      // One fetch to start, then at most one per cooldown window that passed.
      expect(own.fetches).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - started) / COOLDOWN_MS));
      expect(scanTaskCalls(flooded.sandbox)).toHaveLength(3);
    });
  });
});
