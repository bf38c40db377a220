import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export type IdpAlgorithm = 'RS256' | 'ES256';

/** One identity provider signing key: the private half signs, the public JWK is published. */
export interface IdpKey {
  kid: string;
  alg: IdpAlgorithm;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** How the key set endpoint answers: normally, with a 500, by dropping the connection, with a body that is no key set, or never. */
export type JwksMode = 'up' | 'error' | 'reset' | 'invalid' | 'hang';

export interface IdpTokenOptions {
  sub?: string;
  roles?: string[];
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an already expired token. Default 300. */
  expiresIn?: number;
  /** Seconds from now for `nbf`; omitted by default. */
  notBefore?: number;
  /** Leave `exp` out altogether. */
  noExpiry?: boolean;
  claims?: Record<string, unknown>;
  /** Override the header's kid (e.g. a kid the key set does not hold). */
  kid?: string;
}

export interface JwksServer {
  /** The key set URL, for AUTH_JWKS_URI. */
  readonly jwksUri: string;
  readonly issuer: string;
  readonly audience: string;
  /** How many times the key set was fetched. */
  readonly fetches: number;
  /** Replaces the published keys (rotation). */
  publish(keys: IdpKey[]): void;
  setMode(mode: JwksMode): void;
  /** Signs a token with `key` as the identity provider would. */
  sign(key: IdpKey, opts?: IdpTokenOptions): Promise<string>;
  close(): Promise<void>;
}

/** A fresh RS256 or ES256 key pair with a kid. */
export async function generateIdpKey(alg: IdpAlgorithm, kid: string): Promise<IdpKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: await exportJWK(publicKey) };
}

/** A local identity provider key set endpoint on 127.0.0.1, publishing `keys`. */
export async function startJwksServer(keys: IdpKey[]): Promise<JwksServer> {
  let published = keys;
  let mode: JwksMode = 'up';
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches += 1;
    if (mode === 'reset') return void req.socket.destroy();
    if (mode === 'hang') return;
    if (mode === 'invalid') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":"none"}');
    if (mode === 'error' || req.url !== '/.well-known/jwks.json') {
      res.writeHead(mode === 'error' ? 500 : 404).end();
      return;
    }
    const body = { keys: published.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: 'sig' })) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/`;
  const audience = 'hss-scan-gateway';
  return {
    jwksUri: `${base}/.well-known/jwks.json`,
    issuer,
    audience,
    get fetches() {
      return fetches;
    },
    publish: (next) => void (published = next),
    setMode: (next) => void (mode = next),
    async sign(key, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ roles: opts.roles ?? ['web-scanner'], ...opts.claims })
        .setProtectedHeader({ alg: key.alg, kid: opts.kid ?? key.kid, typ: 'JWT' })
        .setSubject(opts.sub ?? 'alice')
        .setIssuer(opts.issuer ?? issuer)
        .setAudience(opts.audience ?? audience)
        .setIssuedAt(now);
      if (!opts.noExpiry) jwt.setExpirationTime(now + (opts.expiresIn ?? 300));
      if (opts.notBefore !== undefined) jwt.setNotBefore(now + opts.notBefore);
      return jwt.sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
