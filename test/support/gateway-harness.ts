import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { loadConfig } from '../../apps/gateway/src/config/load-config';
import type { GatewayConfig } from '../../apps/gateway/src/config/gateway-config';
import { createGatewayApp } from '../../apps/gateway/src/create-app';
import { TEST_JWT_SECRET, mintToken, type TokenOptions } from './tokens';

export const TEST_AK = 'TESTAKGATEWAY0000001';
export const TEST_SK = 'test-sk-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const DEMO_POLICY = join(__dirname, '../../config/policy.example.yaml');

export interface TestGateway {
  url: string;
  app: NestExpressApplication;
  sandbox: RunningSandbox;
  config: GatewayConfig;
  dir: string;
  token(opts?: TokenOptions): string;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  env?: Record<string, string | undefined>;
  sandbox?: RunningSandbox;
  /** Adjusts the loaded config before the app is created (for settings that have no env variable). */
  configure?: (config: GatewayConfig) => GatewayConfig;
}

/**
 * A real gateway on a real socket, in front of a real HSS sandbox that verifies
 * signatures, with a fresh SQLite audit store. `env` overrides the variables.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const sandbox = options.sandbox ?? (await startSandbox({ credentials: [{ ak: TEST_AK, sk: TEST_SK }] }));
  const env = {
    NODE_ENV: 'test',
    CLOUD_SDK_AK: TEST_AK,
    CLOUD_SDK_SK: TEST_SK,
    HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=proj-cn-north-4,eu-west-101=proj-eu-west-101',
    HSS_ENDPOINT: sandbox.url,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    POLICY_FILE: DEMO_POLICY,
    AUDIT_DB: `sqlite:${join(dir, 'audit.db')}`,
    UPSTREAM_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'silent',
    // Specs send many requests as one subject; the rate-limit spec sets its own low limit.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...options.env,
  };
  const config = options.configure ? options.configure(loadConfig(env)) : loadConfig(env);
  const app = await createGatewayApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    sandbox,
    config,
    dir,
    token: (opts) => mintToken(opts),
    async close() {
      await app.close();
      if (!options.sandbox) await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
