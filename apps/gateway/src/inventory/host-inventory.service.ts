import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { UpstreamTarget } from '@app/huawei-cloud';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import { HssClientHolder } from '../scan-tasks/hss-client.provider';
import { toHostInventory, unlistedHosts, type HostInventory } from './host-inventory';
import { InventoryUnavailableException } from './inventory-unavailable.exception';
import { SingleFlightCache } from './single-flight-cache';

/** Milliseconds clock of the inventory cache; overridable in tests. */
export const INVENTORY_CLOCK = Symbol('INVENTORY_CLOCK');

/**
 * HSS's host inventory (ListHostStatus), cached per region, project and
 * enterprise project for HOST_INVENTORY_TTL_S. Concurrent misses share one fetch;
 * a fetch that fails throws 503 and is never replaced by a guess or a stale copy.
 */
@Injectable()
export class HostInventoryService {
  private readonly logger = new Logger(HostInventoryService.name);
  private readonly cache: SingleFlightCache<HostInventory>;
  private readonly now: () => number;
  private readonly missRefreshMs: number;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly hss: HssClientHolder,
    @Optional() @Inject(INVENTORY_CLOCK) now?: () => number,
  ) {
    this.now = now ?? Date.now;
    this.missRefreshMs = config.hostInventoryMissRefreshS * 1000;
    this.cache = new SingleFlightCache<HostInventory>({ ttlMs: config.hostInventoryTtlS * 1000, now: this.now });
  }

  /** The hosts HSS lists in `enterpriseProjectId` (or all_granted_eps) of the target's project. */
  async list(target: UpstreamTarget, enterpriseProjectId: string): Promise<HostInventory> {
    return (await this.cache.get(this.key(target, enterpriseProjectId), this.loader(target, enterpriseProjectId))).value;
  }

  /**
   * The requested hosts HSS does not list in the enterprise project. A cached
   * inventory older than HOST_INVENTORY_MISS_REFRESH_S that misses one is fetched
   * again once first, so a host added since the cache was filled is not denied.
   */
  async findUnlisted(target: UpstreamTarget, enterpriseProjectId: string, hostIds: readonly string[]): Promise<string[]> {
    const started = this.now();
    const key = this.key(target, enterpriseProjectId);
    const load = this.loader(target, enterpriseProjectId);
    const read = await this.cache.get(key, load);
    const unlisted = unlistedHosts(read.value, hostIds);
    // A listing this recent is trusted as is: otherwise every request naming an unknown host would
    // make the gateway page through the whole inventory again, on the account's HSS quota.
    if (unlisted.length === 0 || read.fetchedAt >= started || started - read.fetchedAt < this.missRefreshMs) return unlisted;
    return unlistedHosts((await this.cache.refresh(key, load, started)).value, hostIds);
  }

  private key(target: UpstreamTarget, enterpriseProjectId: string): string {
    return JSON.stringify([target.region, target.projectId, enterpriseProjectId]);
  }

  private loader(target: UpstreamTarget, enterpriseProjectId: string): () => Promise<HostInventory> {
    return async () => {
      const result = await this.hss.client.listAllHosts(target, enterpriseProjectId);
      if (result.ok) return toHostInventory(enterpriseProjectId, result.hosts);
      const { failure } = result;
      const detail = failure.errorCode ? `${failure.reason}: ${failure.errorCode}` : failure.reason;
      this.logger.warn(
        { region: target.region, enterprise_project_id: enterpriseProjectId, upstream_status: failure.upstreamStatus, upstream_request_id: failure.upstreamRequestId, reason: detail },
        'host inventory fetch failed',
      );
      throw new InventoryUnavailableException(detail);
    };
  }
}
