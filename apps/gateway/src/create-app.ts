import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
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
  // One spelling per route: Express would otherwise route /API/V1/... to the scan controller,
  // past anything that recognises the endpoint by its path (the audit of early failures).
  // Express reads this when it creates its router, so it is set before Nest touches the app.
  const server = express().set('case sensitive routing', true);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(server), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(assignRequestId);
  app.use(deferredJsonBody(config.bodyLimitBytes));
  serveOpenApi(app);
  Object.assign(app.getHttpServer(), SERVER_TIMEOUTS);
  return app;
}
