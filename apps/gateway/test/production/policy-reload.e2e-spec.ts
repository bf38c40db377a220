import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, metricValue, mintToken, postScan, scanBody, scrapeMetrics, startTestGateway, type TestGateway } from '@app/testing';

/** A web-scanner role that may scan exactly `host` in ep-web; auditor reads the trail. */
const policyFor = (host: string) => `roles:
  web-scanner:
    regions: [cn-north-4]
    enterprise_projects: [ep-web]
    hosts: [${host}]
    scan_types: [quick]
    actions: [manual]
  auditor:
    audit: read
`;
const ONLY_WEB_1 = policyFor('host-web-1');
const ONLY_WEB_2 = policyFor('host-web-2');
const versionOf = (text: string) => createHash('sha256').update(text).digest('hex');
const reloads = async (gw: TestGateway, result: 'ok' | 'error') => metricValue(await scrapeMetrics(gw.url), 'gateway_policy_reloads_total', { result });
const scanWeb2 = (gw: TestGateway) => postScan(gw.url, { body: scanBody({ host_ids: ['host-web-2'] }) });

interface AuditItem {
  decision: 'allow' | 'deny' | null;
  policy_version: string | null;
  status: number;
}

/**
 * POLICY_FILE changes and SIGHUP load, validate and swap the policy while the gateway
 * serves; an invalid file keeps the last good policy and is counted.
 */
describe('policy hot reload', () => {
  let dir: string;
  let gw: TestGateway;
  const policyFile = () => join(dir, 'policy.yaml');

  function writePolicy(text: string): void {
    writeFileSync(`${policyFile()}.tmp`, text);
    renameSync(`${policyFile()}.tmp`, policyFile());
  }
  const readyPolicyVersion = async () => ((await (await fetch(`${gw.url}/health/ready`)).json()) as { info: { policy: { version: string } } }).info.policy.version;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-policy-'));
    writePolicy(ONLY_WEB_1);
    gw = await startTestGateway({ env: { POLICY_FILE: policyFile() } });
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a changed file is picked up without restart', async () => {
    expect((await scanWeb2(gw)).status).toBe(403);
    writePolicy(ONLY_WEB_2);
    await eventually(async () => (await scanWeb2(gw)).status === 200, 8000, 200);
    expect(await readyPolicyVersion()).toBe(versionOf(ONLY_WEB_2));
    expect((await postScan(gw.url)).status).toBe(403);
  });

  it('an invalid file keeps the last good policy, and the failure is counted', async () => {
    const failures = await reloads(gw, 'error');
    writePolicy('roles:\n  web-scanner:\n    hosts: [host-web-1\n');
    await eventually(async () => (await reloads(gw, 'error')) > failures, 8000, 200);
    writePolicy('roles:\n  web-scanner:\n    scan_types: [deep]\n');
    await eventually(async () => (await reloads(gw, 'error')) > failures + 1, 8000, 200);
    expect((await scanWeb2(gw)).status).toBe(200);
    expect(await readyPolicyVersion()).toBe(versionOf(ONLY_WEB_2));
    expect((await fetch(`${gw.url}/health/ready`)).status).toBe(200);
  });

  it('SIGHUP reloads the file on demand', async () => {
    writePolicy(ONLY_WEB_2);
    await eventually(async () => (await readyPolicyVersion()) === versionOf(ONLY_WEB_2) && (await reloads(gw, 'ok')) > 0, 8000, 200);
    // Let the file watcher settle, so the only reload from here on is the signal's.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ok = await reloads(gw, 'ok');
    // Jest hands tests a copy of process whose listeners real signals never reach; the built gateway gets a real SIGHUP in production-process.e2e-spec.
    process.emit('SIGHUP', 'SIGHUP');
    await eventually(async () => (await reloads(gw, 'ok')) === ok + 1, 3000, 50);
  });

  it('swaps atomically: under load while the file flips, every decision matches the policy version it names', async () => {
    const stop = Date.now() + 3500;
    let flip = 0;
    const flipper = setInterval(() => writePolicy(++flip % 2 === 0 ? ONLY_WEB_2 : ONLY_WEB_1), 400);
    const statuses: number[] = [];
    try {
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (Date.now() < stop) statuses.push((await scanWeb2(gw)).status);
        }),
      );
    } finally {
      clearInterval(flipper);
    }
    expect(new Set(statuses)).toEqual(new Set([200, 403]));

    const auditor = mintToken({ sub: 'audrey', roles: ['auditor'] });
    const res = await fetch(`${gw.url}/api/v1/audit/events?phase=final&host_id=host-web-2&limit=500`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: AuditItem[] }).items.filter((e) => e.decision !== null);
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) {
      const expected = item.decision === 'allow' ? versionOf(ONLY_WEB_2) : versionOf(ONLY_WEB_1);
      expect({ decision: item.decision, version: item.policy_version }).toEqual({ decision: item.decision, version: expected });
    }
  });
});
