import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { assignRequestId } from './common/request-id';
import { deferredJsonBody } from './common/json-body';
import type { GatewayConfig } from './config/gateway-config';
import { serveOpenApi } from './openapi';

/**
 * Slow clients may not hold sockets: limits on header and whole-request time. Node
 * enforces the first two on a sweep every connectionsCheckingInterval (30 s by default,
 * which would let a slowloris client hold a socket for up to 40 s); it is read at
 * listen(), so setting it here, before listen, takes effect.
 */
const SERVER_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };

/** Builds the gateway app exactly as production runs it (tests use this too). */
export async function createGatewayApp(config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(assignRequestId);
  app.use(deferredJsonBody(config.bodyLimitBytes));
  serveOpenApi(app);
  const server = app.getHttpServer();
  Object.assign(server, SERVER_TIMEOUTS);
  return app;
}
