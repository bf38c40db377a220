import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from './sandbox-handler';
import { loadSandboxHosts } from './sandbox-hosts';
import { SandboxState } from './sandbox-state';
import type { RunningSandbox, SandboxOptions } from './sandbox.types';

/** Starts the HSS stand-in on a real socket; resolves once it is listening. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const state = new SandboxState(
    options.hosts ?? loadSandboxHosts(),
    options.credentials,
    options.projectIds,
    options.historyLimit,
    options.now ?? (() => new Date()),
  );
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer({ keepAlive: true }, createRequestHandler(state, timers));
  // Outlive typical client pool idle timeouts so a pooled socket is never closed under a request in flight.
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${clientHost(host)}:${port}`,
    calls: state.calls,
    tasks: state.tasks,
    inject: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    reset: () => state.reset(),
    setCredentials: (creds) => state.setCredentials(creds),
    close: () => {
      closing ??= stop(server, timers);
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function stop(server: Server, timers: Set<NodeJS.Timeout>): Promise<void> {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}

/** A wildcard bind address is not something a client can dial; loopback reaches it. */
function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
