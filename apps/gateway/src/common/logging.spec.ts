import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS, loggerParams } from './logging';
import type { GatewayConfig } from '../config/gateway-config';

function capture(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((out += chunk.toString()), done()) });
  return { stream, text: () => out };
}

describe('log redaction', () => {
  it('blanks credentials and tokens wherever the redact paths reach them', () => {
    const sink = capture();
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } }, sink.stream);
    logger.info({
      req: { headers: { authorization: 'Bearer eyJ.secret.token', cookie: 'session=abc123', 'x-security-token': 'sts-secret' } },
      credentials: { ak: 'AKSECRET', sk: 'SKSECRET', securityToken: 'STSSECRET', signature: 'deadbeef' },
      upstream: { headers: { Authorization: 'SDK-HMAC-SHA256 Access=AKSECRET, Signature=deadbeef' } },
      auth: { token: 'tok-secret', access_token: 'at-secret', password: 'pw-secret', secret: 'shh' },
    });
    const line = sink.text();
    for (const secret of ['eyJ.secret.token', 'abc123', 'sts-secret', 'AKSECRET', 'SKSECRET', 'STSSECRET', 'deadbeef', 'tok-secret', 'at-secret', 'pw-secret', 'shh']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[REDACTED]');
  });

  it('the request serializer keeps no headers and drops the query string', () => {
    const params = loggerParams({ logLevel: 'info' } as GatewayConfig);
    const options = params.pinoHttp as { serializers: { req: (req: object) => object } };
    const serialized = options.serializers.req({ id: 'r-1', method: 'POST', url: '/api/v1/x?token=abc', remoteAddress: '127.0.0.1', headers: { authorization: 'Bearer t' } });
    expect(serialized).toEqual({ id: 'r-1', method: 'POST', url: '/api/v1/x', remoteAddress: '127.0.0.1' });
  });
});
