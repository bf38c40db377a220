import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { ServerListening, StartServer } from './child-protocol';
import { forkChild, nextMessage, stopChild, type BenchChild } from './processes';
import type { BenchKeys } from './scan-request';

/** dist/bench -> repository root (the gateway runs from there, as in production). */
export const REPO_ROOT = resolve(__dirname, '../..');
const DIST = resolve(__dirname, '..');

/** A running server under test. */
export interface RunningTarget {
  name: string;
  url: string;
  child: BenchChild;
  close(): Promise<void>;
}

async function startServerChild(name: string, script: string, cpus: string | undefined, msg: StartServer): Promise<RunningTarget> {
  const child = forkChild(join(__dirname, script), { cpus });
  const listening = nextMessage<ServerListening>(child, 'listening');
  child.proc.send(msg);
  const { url } = await listening;
  return { name, url, child, close: () => stopChild(child) };
}

/** The HSS sandbox in its own process. */
export function startUpstream(keys: BenchKeys, cpus?: string): Promise<RunningTarget> {
  return startServerChild('upstream', 'upstream.child.js', cpus, { type: 'start', ak: keys.ak, sk: keys.sk, projectId: keys.projectId });
}

/** The minimal signing forwarder in its own process. */
export function startBare(keys: BenchKeys, upstreamUrl: string, cpus?: string): Promise<RunningTarget> {
  return startServerChild('bare', 'bare.child.js', cpus, { type: 'start', ak: keys.ak, sk: keys.sk, projectId: keys.projectId, upstreamUrl });
}

export interface GatewayTargetOptions {
  name: string;
  upstreamUrl: string;
  auditDb: string;
  logLevel: string;
  cpus?: string;
  /** Preload the IPC-driven CPU profiler (profiler-control.js). */
  profiled?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function waitReady(url: string, child: BenchChild, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`gateway exited (${child.proc.exitCode}): ${child.stderrTail()}`);
    const status = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gateway not ready within ${timeoutMs} ms: ${child.stderrTail()}`);
}

/** The real gateway (dist/apps/gateway/src/main.js) configured as the brief says, in its own process. */
export async function startGateway(keys: BenchKeys, options: GatewayTargetOptions): Promise<RunningTarget> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    CLOUD_SDK_AK: keys.ak,
    CLOUD_SDK_SK: keys.sk,
    HUAWEICLOUD_PROJECT_IDS: `cn-north-4=${keys.projectId}`,
    HSS_ENDPOINT: options.upstreamUrl,
    AUTH_JWT_SECRET: keys.jwtSecret,
    POLICY_FILE: join(REPO_ROOT, 'config/policy.example.yaml'),
    AUDIT_DB: options.auditDb,
    LOG_LEVEL: options.logLevel,
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  const nodeArgs = options.profiled ? ['--require', join(__dirname, 'profiler-control.js')] : [];
  // Log lines go to /dev/null: their formatting and write calls are measured, a reader process is not.
  const child = forkChild(join(DIST, 'apps/gateway/src/main.js'), { cpus: options.cpus, env, nodeArgs, cwd: REPO_ROOT });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return {
    name: options.name,
    url,
    child,
    close: () => stopChild(child),
  };
}
