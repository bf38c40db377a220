import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostItem } from '@app/huawei-cloud';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { TEST_AK, TEST_SK } from './gateway-harness';

function host(host_id: string, enterprise_project_id: string, n: number, extra: Partial<HostItem> = {}): HostItem {
  return {
    host_id,
    host_name: host_id.replace(/^host-/, 'srv-'),
    private_ip: `10.${n}.0.${n}`,
    public_ip: n % 2 === 0 ? `94.74.0.${n}` : '',
    enterprise_project_id,
    enterprise_project_name: enterprise_project_id === '0' ? 'default' : enterprise_project_id.replace(/^ep-/, ''),
    agent_status: 'online',
    protect_status: 'opened',
    os_type: 'Linux',
    ...extra,
  };
}

/** An inventory spread over four enterprise projects (ids say where each host lives). */
export const MULTI_EP_HOSTS: HostItem[] = [
  host('host-web-1', 'ep-web', 1),
  host('host-web-2', 'ep-web', 2),
  host('host-web-3', 'ep-web', 3, { agent_status: 'offline', protect_status: 'closed' }),
  host('host-db-1', 'ep-db', 4),
  host('host-db-2', 'ep-db', 5, { os_type: 'Windows' }),
  host('host-pay-1', 'ep-pay', 6),
  host('host-default-1', '0', 7),
];

/** A signature-checking sandbox serving `hosts`, accepting the test gateway's key pair. */
export function startInventorySandbox(hosts: HostItem[] = MULTI_EP_HOSTS): Promise<RunningSandbox> {
  return startSandbox({ credentials: [{ ak: TEST_AK, sk: TEST_SK }], hosts });
}

/** Writes a policy file into `dir` and returns its path (for env POLICY_FILE). */
export function writePolicyFile(dir: string, yaml: string, name = 'policy.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

/** The ListHostStatus calls that reached the sandbox. */
export function hostListingCalls(sandbox: RunningSandbox): RunningSandbox['calls'] {
  return sandbox.calls.filter((c) => c.method === 'GET' && c.url.includes('/host-management/hosts'));
}
