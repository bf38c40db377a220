import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@app/hss-sandbox';
import {
  eventsFor, hostListingCalls, mintToken, postScan, scanBody, scanTaskCalls, startInventorySandbox, startTestGateway, writePolicyFile,
  type TestGateway,
} from '@app/testing';

const POLICY = `
roles:
  web-any:
    regions: ["*"]
    enterprise_projects: [ep-web]
    hosts: ["*"]
    scan_types: ["*"]
    actions: ["*"]
  web-named:
    regions: [cn-north-4]
    enterprise_projects: [ep-web]
    hosts: [host-web-1, host-db-1]
    scan_types: [quick]
    actions: [manual]
  global-admin:
    regions: ["*"]
    enterprise_projects: ["*"]
    hosts: ["*"]
    scan_types: ["*"]
    actions: ["*"]
  auditor:
    audit: read
`;

/** Host ownership from HSS's inventory (MULTI_EP_HOSTS: ep-web, ep-db, ep-pay, 0), through a real gateway and sandbox. */
describe('host ownership check on POST /api/v1/antivirus/pay-per-scan/tasks', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let gw: TestGateway;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ownership-'));
    sandbox = await startInventorySandbox();
    gw = await startTestGateway({ sandbox, env: { POLICY_FILE: writePolicyFile(dir, POLICY), HOST_INVENTORY_MISS_REFRESH_S: '0' } });
  });
  afterAll(async () => {
    await gw.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => sandbox.reset());

  const as = (roles: string[]) => mintToken({ sub: `user-${roles.join('+')}`, roles });
  const scan = (roles: string[], hostIds: string[], ep: string | null = 'ep-web') =>
    postScan(gw.url, { token: as(roles), query: ep === null ? {} : { enterprise_project_id: ep }, body: scanBody({ host_ids: hostIds }) });

  async function expectDenied(res: Awaited<ReturnType<typeof postScan>>, message: string) {
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message });
    expect(scanTaskCalls(sandbox)).toHaveLength(0);
    const events = await eventsFor(gw.url, res.headers['x-request-id']);
    expect(events.map((e) => e.phase)).toEqual(['final']);
    expect(events[0]).toMatchObject({ status: 403, decision: 'deny', reason: message });
  }

  it('denies a wildcard-host role a host of another enterprise project, naming it', async () => {
    await expectDenied(await scan(['web-any'], ['host-web-1', 'host-db-1']), 'hosts not in enterprise project ep-web: host-db-1');
  });

  it('allows a wildcard-host role the hosts HSS lists in the enterprise project', async () => {
    const res = await scan(['web-any'], ['host-web-1', 'host-web-2']);
    expect(res.status).toBe(200);
    expect(scanTaskCalls(sandbox)).toHaveLength(1);
    const events = await eventsFor(gw.url, res.headers['x-request-id']);
    expect(events.map((e) => [e.phase, e.decision])).toEqual([['forward', 'allow'], ['final', 'allow']]);
  });

  it('denies a host an explicit host list names but HSS lists in another enterprise project', async () => {
    await expectDenied(await scan(['web-named'], ['host-db-1']), 'hosts not in enterprise project ep-web: host-db-1');
  });

  it('keeps an explicit host list as an additional restriction (the policy denies first, without asking HSS)', async () => {
    const res = await scan(['web-named'], ['host-web-2']);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('role web-named: hosts not allowed: host-web-2');
    expect(sandbox.calls).toHaveLength(0);
  });

  it('names every foreign or unknown host, and only those', async () => {
    await expectDenied(
      await scan(['web-any'], ['host-pay-1', 'host-web-1', 'no-such-host', 'host-default-1']),
      'hosts not in enterprise project ep-web: host-pay-1, no-such-host, host-default-1',
    );
  });

  it('checks a role with enterprise_projects "*" against the enterprise project of the request', async () => {
    await expectDenied(await scan(['global-admin'], ['host-web-1'], 'ep-db'), 'hosts not in enterprise project ep-db: host-web-1');
    await expectDenied(await scan(['global-admin'], ['host-web-1'], null), 'hosts not in enterprise project 0: host-web-1');
    expect((await scan(['global-admin'], ['host-default-1'], null)).status).toBe(200);
  });

  it('with all_granted_eps, allows hosts of any enterprise project HSS lists and denies unknown ones', async () => {
    const res = await scan(['global-admin'], ['host-db-1', 'host-pay-1', 'host-default-1'], 'all_granted_eps');
    expect(res.status).toBe(200);
    expect(scanTaskCalls(sandbox)[0].url).toContain('enterprise_project_id=all_granted_eps');
    sandbox.reset();
    await expectDenied(await scan(['global-admin'], ['host-db-1', 'ghost'], 'all_granted_eps'), 'hosts not in any granted enterprise project: ghost');
  });

  it('refreshes a cached listing once before denying an unknown host', async () => {
    expect((await scan(['web-any'], ['host-web-1'])).status).toBe(200);
    sandbox.reset();
    await expectDenied(await scan(['web-any'], ['host-new']), 'hosts not in enterprise project ep-web: host-new');
    expect(hostListingCalls(sandbox)).toHaveLength(1);
  });

  it('refuses with 503, audited and with nothing forwarded, when the inventory is down', async () => {
    sandbox.inject({ path: 'hosts', status: 500 });
    const res = await scan(['global-admin'], ['host-pay-1'], 'ep-pay');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', request_id: res.headers['x-request-id'] });
    expect(scanTaskCalls(sandbox)).toHaveLength(0);
    const events = await eventsFor(gw.url, res.headers['x-request-id']);
    expect(events.map((e) => e.phase)).toEqual(['final']);
    expect(events[0]).toMatchObject({ status: 503, reason: 'host inventory unavailable: upstream_server_error' });

    // A cached listing that misses a host is not trusted either while HSS is down: the refresh fails, so 503.
    const cachedMiss = await scan(['web-any'], ['host-unknown']);
    expect(cachedMiss.status).toBe(503);

    sandbox.clearFaults();
    expect((await scan(['global-admin'], ['host-pay-1'], 'ep-pay')).status).toBe(200);
  });

  it('refuses with 503 when the inventory does not answer in time', async () => {
    sandbox.inject({ path: 'hosts', latencyMs: 2500, times: 1 });
    // A region not asked before, so nothing is cached for it.
    const res = await postScan(gw.url, {
      token: as(['global-admin']), headers: { region: 'eu-west-101' }, query: { enterprise_project_id: 'ep-db' }, body: scanBody({ host_ids: ['host-db-2'] }),
    });
    expect(res.status).toBe(503);
    expect(scanTaskCalls(sandbox)).toHaveLength(0);
    const [final] = await eventsFor(gw.url, res.headers['x-request-id']);
    expect(final.reason).toBe('host inventory unavailable: upstream_timeout');
  });
});
