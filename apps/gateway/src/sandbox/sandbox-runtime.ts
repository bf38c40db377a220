import { loadSandboxHosts, startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import type { GatewayConfig } from '../config/gateway-config';
import { mintDevToken } from './dev-tokens';

export interface SandboxRuntime {
  config: GatewayConfig;
  sandbox: RunningSandbox;
}

/**
 * Sandbox mode: the bundled HSS sandbox runs in this process, accepts only this
 * process's throw-away key pair, and becomes the upstream for every region.
 */
export async function startSandboxRuntime(config: GatewayConfig): Promise<SandboxRuntime> {
  if (config.credentials.kind !== 'sandbox') throw new Error('sandbox runtime needs sandbox credentials');
  const { ak, sk } = config.credentials;
  // SANDBOX_HOSTS_FILE lets a sandbox run use an inventory spread over the enterprise projects of its own policy.
  const hosts = loadSandboxHosts(config.sandboxHostsFile);
  const sandbox = await startSandbox({ credentials: [{ ak: ak.reveal(), sk: sk.reveal() }], projectIds: [...config.projectIds.values()], hosts });
  return { config: { ...config, hssEndpoint: sandbox.url }, sandbox };
}

/** What sandbox mode prints on start: ready-to-paste calls, one allowed and one denied by the demo policy. */
export function sandboxBanner(config: GatewayConfig, baseUrl: string): string {
  const lines = [`HSS scan gateway running in SANDBOX mode at ${baseUrl} (no cloud credentials; upstream is the in-process HSS sandbox)`];
  if (!config.auth.jwtSecret) {
    lines.push('Tokens are verified against AUTH_JWKS_URI; mint one with your identity provider.');
    return lines.join('\n');
  }
  const url = `${baseUrl}/api/v1/antivirus/pay-per-scan/tasks?enterprise_project_id=ep-web`;
  const call = (token: string, body: object) =>
    `curl -sS -i -X POST '${url}' -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '${JSON.stringify(body)}'`;
  const scanner = mintDevToken(config.auth.jwtSecret, 'alice', ['web-scanner']);
  const auditor = mintDevToken(config.auth.jwtSecret, 'audrey', ['auditor']);
  lines.push(
    '',
    '# allowed (role web-scanner, demo policy): expect 200',
    call(scanner, { task_name: 'demo quick scan', scan_type: 'quick', action: 'manual', host_ids: ['host-web-1'] }),
    '',
    '# denied (web-scanner may not run full scans or use action auto): expect 403',
    call(scanner, { task_name: 'demo full scan', scan_type: 'full', action: 'auto', host_ids: ['host-web-1'] }),
    '',
    '# what may alice scan? (regions, enterprise projects, hosts from the HSS inventory, per role)',
    `curl -sS '${baseUrl}/api/v1/antivirus/scan-targets' -H 'Authorization: Bearer ${scanner}'`,
    '',
    '# read the audit trail (role auditor)',
    `curl -sS '${baseUrl}/api/v1/audit/events?limit=5' -H 'Authorization: Bearer ${auditor}'`,
    '',
    `API docs: ${baseUrl}/docs   health: ${baseUrl}/health/ready   metrics: ${baseUrl}/metrics`,
    'Dev tokens are signed with a secret generated at start (valid 12 h, this process only).',
  );
  return lines.join('\n');
}
