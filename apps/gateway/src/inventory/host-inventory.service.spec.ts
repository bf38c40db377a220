import { HssClient, credentialsOf, type HostItem, type UpstreamTarget } from '@app/huawei-cloud';
import type { RunningSandbox } from '@app/hss-sandbox';
import { TEST_AK, TEST_SK, hostListingCalls, startInventorySandbox } from '@app/testing';
import type { GatewayConfig } from '../config/gateway-config';
import type { HssClientHolder } from '../scan-tasks/hss-client.provider';
import { HostInventoryService } from './host-inventory.service';
import { InventoryUnavailableException } from './inventory-unavailable.exception';

// Medium test: the real HSS client against the real signature-checking sandbox; only the clock is injected.
describe('HostInventoryService', () => {
  let sandbox: RunningSandbox;
  let client: HssClient;
  let clock: number;
  let service: HostInventoryService;
  const target = (s: RunningSandbox = sandbox): UpstreamTarget => ({ region: 'cn-north-4', projectId: 'proj-1', baseUrl: s.url });

  beforeAll(async () => {
    sandbox = await startInventorySandbox();
    client = new HssClient({ timeoutMs: 2000, credentials: () => credentialsOf(TEST_AK, TEST_SK) });
  });
  afterAll(async () => {
    client.close();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    clock = 1_000_000;
    service = new HostInventoryService({ hostInventoryTtlS: 60, hostInventoryMissRefreshS: 0 } as GatewayConfig, { client } as HssClientHolder, () => clock);
  });

  const listings = () => hostListingCalls(sandbox).map((c) => new URL(c.url, 'http://x').searchParams.get('enterprise_project_id'));

  it('lists one enterprise project, or all of them, and caches each for the TTL', async () => {
    expect((await service.list(target(), 'ep-web')).hosts.map((h) => h.host_id)).toEqual(['host-web-1', 'host-web-2', 'host-web-3']);
    expect((await service.list(target(), 'all_granted_eps')).hosts).toHaveLength(7);
    clock += 59_999;
    await service.list(target(), 'ep-web');
    expect(listings()).toEqual(['ep-web', 'all_granted_eps']);
    clock += 1;
    await service.list(target(), 'ep-web');
    expect(listings()).toEqual(['ep-web', 'all_granted_eps', 'ep-web']);
  });

  it('keeps regions apart', async () => {
    await service.list(target(), 'ep-web');
    await service.list({ ...target(), region: 'eu-west-101' }, 'ep-web');
    expect(listings()).toEqual(['ep-web', 'ep-web']);
  });

  it('shares one fetch among concurrent misses', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => service.findUnlisted(target(), 'ep-db', ['host-db-1'])));
    expect(results).toEqual([[], [], [], []]);
    expect(listings()).toEqual(['ep-db']);
  });

  it('names hosts of another enterprise project, after one refresh of a cached listing', async () => {
    expect(await service.findUnlisted(target(), 'ep-web', ['host-web-1'])).toEqual([]);
    clock += 1_000;
    expect(await service.findUnlisted(target(), 'ep-web', ['host-web-1', 'host-db-1', 'ghost'])).toEqual(['host-db-1', 'ghost']);
    expect(listings()).toEqual(['ep-web', 'ep-web']);
    // The refreshed listing is now this moment's: the next miss within the same millisecond does not refetch.
    expect(await service.findUnlisted(target(), 'ep-web', ['ghost'])).toEqual(['ghost']);
    expect(listings()).toEqual(['ep-web', 'ep-web']);
  });

  it('trusts a listing younger than HOST_INVENTORY_MISS_REFRESH_S, so unknown hosts cannot make it page HSS on every request', async () => {
    const guarded = new HostInventoryService({ hostInventoryTtlS: 60, hostInventoryMissRefreshS: 5 } as GatewayConfig, { client } as HssClientHolder, () => clock);
    expect(await guarded.findUnlisted(target(), 'ep-web', ['host-web-1'])).toEqual([]);
    for (let i = 0; i < 10; i++) {
      clock += 400;
      expect(await guarded.findUnlisted(target(), 'ep-web', [`ghost-${i}`])).toEqual([`ghost-${i}`]);
    }
    expect(listings()).toEqual(['ep-web']);
    clock += 1_000; // 5 s after the listing
    expect(await guarded.findUnlisted(target(), 'ep-web', ['ghost'])).toEqual(['ghost']);
    expect(listings()).toEqual(['ep-web', 'ep-web']);
  });

  it('does not refresh a listing it has just fetched for this request', async () => {
    expect(await service.findUnlisted(target(), 'ep-web', ['host-db-1'])).toEqual(['host-db-1']);
    expect(listings()).toEqual(['ep-web']);
  });

  it('finds a host added since the listing was cached', async () => {
    const added: HostItem = { host_id: 'host-web-9', enterprise_project_id: 'ep-web' };
    const later = await startInventorySandbox([added]);
    try {
      await service.list(target(), 'ep-web');
      clock += 1_000;
      // Same region and project, so the same cache entry; the refresh reaches the sandbox that now lists the host.
      expect(await service.findUnlisted(target(later), 'ep-web', ['host-web-9'])).toEqual([]);
      expect(hostListingCalls(later)).toHaveLength(1);
    } finally {
      await later.close();
    }
  });

  it('accepts a host of any enterprise project under all_granted_eps', async () => {
    expect(await service.findUnlisted(target(), 'all_granted_eps', ['host-web-1', 'host-pay-1', 'host-default-1'])).toEqual([]);
  });

  it('fails with 503 when the inventory cannot be read, and caches nothing', async () => {
    sandbox.inject({ path: 'hosts', status: 500, times: 1 });
    const failure = await service.findUnlisted(target(), 'ep-web', ['host-web-1']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InventoryUnavailableException);
    expect((failure as InventoryUnavailableException).getStatus()).toBe(503);
    expect((failure as InventoryUnavailableException).detail).toBe('upstream_server_error');
    expect(await service.findUnlisted(target(), 'ep-web', ['host-web-1'])).toEqual([]);
  });

  it('does not fall back to a listing it could not refresh', async () => {
    await service.list(target(), 'ep-web');
    clock += 60_000;
    sandbox.inject({ path: 'hosts', reset: true });
    await expect(service.list(target(), 'ep-web')).rejects.toMatchObject({ detail: 'upstream_unreachable' });
  });
});
