import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HssClient, credentialsOf, resolveTarget } from '@app/huawei-cloud';
import { ConfigError, loadConfig } from '../config/load-config';
import { startSandboxRuntime, type SandboxRuntime } from './sandbox-runtime';

/** Lists every host the runtime's in-process sandbox serves, through a signed HSS client. */
async function listAll(runtime: SandboxRuntime): Promise<string[]> {
  const { config } = runtime;
  if (config.credentials.kind !== 'sandbox') throw new Error('expected sandbox credentials');
  const { ak, sk } = config.credentials;
  const client = new HssClient({ timeoutMs: 2000, credentials: () => credentialsOf(ak.reveal(), sk.reveal()) });
  try {
    const target = resolveTarget(config.defaultRegion, config.projectIds, config.hssEndpoint)!;
    const result = await client.listAllHosts(target, 'all_granted_eps');
    if (!result.ok) throw new Error(`listing failed: ${result.failure.reason}`);
    return result.hosts.map((h) => h.host_id);
  } finally {
    client.close();
  }
}

describe('sandbox runtime host inventory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-runtime-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the demo inventory by default', async () => {
    const runtime = await startSandboxRuntime(loadConfig({ NODE_ENV: 'test' }));
    try {
      expect(await listAll(runtime)).toEqual(['host-web-1', 'host-web-2', 'host-db-1', 'host-db-2', 'host-default-1']);
    } finally {
      await runtime.sandbox.close();
    }
  });

  it('serves the inventory of SANDBOX_HOSTS_FILE', async () => {
    const file = join(dir, 'hosts.json');
    writeFileSync(file, JSON.stringify([{ host_id: 'h-a', enterprise_project_id: 'ep-a' }, { host_id: 'h-b', enterprise_project_id: 'ep-b' }]));
    const runtime = await startSandboxRuntime(loadConfig({ NODE_ENV: 'test', SANDBOX_HOSTS_FILE: file }));
    try {
      expect(await listAll(runtime)).toEqual(['h-a', 'h-b']);
    } finally {
      await runtime.sandbox.close();
    }
  });

  it('refuses to start on an unreadable or invalid SANDBOX_HOSTS_FILE, naming the variable', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ host_name: 'no id' }]));
    expect(() => loadConfig({ NODE_ENV: 'test', SANDBOX_HOSTS_FILE: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', SANDBOX_HOSTS_FILE: bad })).toThrow(/^SANDBOX_HOSTS_FILE: .*host_id must be a non-empty string/);
    expect(() => loadConfig({ NODE_ENV: 'test', SANDBOX_HOSTS_FILE: join(dir, 'missing.json') })).toThrow(/^SANDBOX_HOSTS_FILE: Cannot read/);
  });
});
