import 'reflect-metadata';
import type { RunningSandbox } from '@app/hss-sandbox';
import { ConfigError, loadConfig } from './config/load-config';
import { createGatewayApp } from './create-app';
import { sandboxBanner, startSandboxRuntime } from './sandbox/sandbox-runtime';

function fatal(message: string): never {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: message })}\n`);
  process.exit(1);
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
  await app.listen(config.port);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The banner is for the person at the terminal: stderr keeps stdout pure JSON log lines.
  if (sandbox) process.stderr.write(`${sandboxBanner(config, `http://localhost:${port}`)}\n`);
}

void main();
