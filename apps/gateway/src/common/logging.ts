import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { GatewayConfig } from '../config/gateway-config';
import type { GatewayRequest } from './gateway-request';

/** Paths pino blanks wherever they appear: credentials and tokens never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-auth-token"]', 'req.headers["x-security-token"]',
  'res.headers["set-cookie"]', '*.authorization', '*.Authorization', '*.token', '*.access_token', '*.password',
  '*.sk', '*.ak', '*.secret', '*.securityToken', '*.security_token', '*.signature', '*.headers.Authorization', '*.headers["X-Security-Token"]',
];

/** What the request log line adds about the outcome: who asked, the policy's answer and the upstream's, never a header. */
function outcome(req: IncomingMessage): Record<string, unknown> {
  const { user, scanAudit } = req as GatewayRequest;
  return {
    sub: user?.sub,
    decision: scanAudit?.decision ?? undefined,
    reason: scanAudit?.reason ?? undefined,
    upstream: scanAudit?.upstream ?? undefined,
  };
}

/**
 * nestjs-pino options: JSON lines on stdout, the request id in every line logged during a
 * request (pino-http's request logger is what nestjs-pino hands Nest's Logger), no headers.
 * customProps must not change between request start and finish, or pino-http binds it twice.
 */
export function loggerParams(config: GatewayConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => (req as GatewayRequest).id,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0], remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req: IncomingMessage) => ({ request_id: (req as GatewayRequest).id }),
      customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({ ...value, ...outcome(req) }),
      customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, value: Record<string, unknown>) => ({ ...value, ...outcome(req) }),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
    },
  };
}
