import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RunningSandbox } from '@app/hss-sandbox';
import { ConfigError, loadConfig } from './config/load-config';
import { createGatewayApp } from './create-app';
import { sandboxBanner, startSandboxRuntime } from './sandbox/sandbox-runtime';

/** In-flight requests get this long to finish after SIGTERM before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 25_000;

function logLine(level: 'info' | 'fatal', message: string): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: message })}\n`);
}

function fatal(message: string): never {
  logLine('fatal', message);
  process.exit(1);
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (their audit
 * events included), close the audit store, exit 0. SIGHUP is not a shutdown signal here:
 * it reloads the policy. A request that outlives the grace period makes the exit code 1.
 */
function shutDownOnSignals(app: NestExpressApplication): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logLine('info', `${signal} received: draining in-flight requests`);
    setTimeout(() => fatal(`shutdown did not finish within ${SHUTDOWN_GRACE_MS} ms`), SHUTDOWN_GRACE_MS).unref();
    // close() only drops sockets idle at that moment; one that goes idle after its last in-flight
    // response would otherwise hold the exit back for keepAliveTimeout.
    const server = app.getHttpServer();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => {
        logLine('info', 'shutdown complete');
        process.exit(0);
      },
      (e: Error) => fatal(`shutdown failed: ${e.message}`),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) fatal(`refusing to start: ${e.message}`);
    throw e;
  }
  let sandbox: RunningSandbox | undefined;
  if (config.mode === 'sandbox') ({ config, sandbox } = await startSandboxRuntime(config));

  const app = await createGatewayApp(config).catch((e: Error) => fatal(`refusing to start: ${e.message}`));
  if (sandbox) {
    const running = sandbox;
    app.getHttpServer().on('close', () => void running.close());
  }
  // Start-up hooks (policy file, audit store) run inside listen(): their errors name the problem.
  await app.listen(config.port).catch((e: Error) => fatal(`refusing to start: ${e.message}`));
  shutDownOnSignals(app);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  new Logger('Gateway').log({ port, mode: config.mode, regions: [...config.projectIds.keys()], credentials: config.credentials.kind }, 'listening');
  // The banner is for the person at the terminal: stderr keeps stdout pure JSON log lines.
  if (sandbox) process.stderr.write(`${sandboxBanner(config, `http://localhost:${port}`)}\n`);
}

void main();
