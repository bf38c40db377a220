import { loadSandboxHosts } from './sandbox-hosts';
import { startSandbox } from './sandbox-server';
import { parseStandaloneConfig, type StandaloneConfig } from './standalone-config';

/** Standalone entry point: `npm run sandbox`. */
async function main(): Promise<void> {
  const config: StandaloneConfig = parseStandaloneConfig(process.env);
  const hosts = loadSandboxHosts(config.hostsFile);
  const sandbox = await startSandbox({
    credentials: [{ ak: config.ak, sk: config.sk }],
    hosts,
    port: config.port,
    host: config.host,
    // A long-running process keeps only a short history; nobody inspects it.
    historyLimit: 1000,
  });
  process.stdout.write(
    `${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: 'hss-sandbox listening', url: sandbox.url, hosts: hosts.length })}\n`,
  );
  const shutdown = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: (err as Error).message })}\n`);
  process.exit(1);
});
