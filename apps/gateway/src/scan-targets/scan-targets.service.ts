import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { resolveTarget, type UpstreamTarget } from '@app/huawei-cloud';
import { ALL_GRANTED_EPS, describeRoles } from '@app/policy';
import type { Caller } from '../auth/caller';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import type { HostInventory } from '../inventory/host-inventory';
import { HostInventoryService } from '../inventory/host-inventory.service';
import { PolicyService } from '../policy/policy.service';
import { buildScanTargetGroups } from './scan-target-groups';
import { allowedRegions, allowedScanOptions, listGrantsEnterpriseProject, listingsToRead, rolesForRegion } from './scan-target-plan';
import type { ScanTargetsDto } from './scan-targets.dto';
import { SCAN_TARGETS_DEFAULT_LIMIT, type ScanTargetsQueryDto } from './scan-targets-query.dto';

/**
 * What a caller may scan in one region: the policy's answer per role, joined with
 * HSS's host inventory (the same cached listings the ownership check uses), so a
 * front end shows exactly the hosts a scan request would be allowed for.
 */
@Injectable()
export class ScanTargetsService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly policy: PolicyService,
    private readonly inventory: HostInventoryService,
  ) {}

  async list(caller: Caller, regionHeader: string | undefined, query: ScanTargetsQueryDto): Promise<ScanTargetsDto> {
    const target = this.target(regionHeader);
    const described = describeRoles(this.policy.current(), caller.roles);
    const applicable = rolesForRegion(described, target.region);
    const epQuery = query.enterprise_project_id;
    const toRead = listingsToRead(applicable, epQuery);
    const listings = new Map<string, HostInventory>(
      await Promise.all(toRead.map(async (ep) => [ep, await this.inventory.list(target, ep)] as const)),
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? SCAN_TARGETS_DEFAULT_LIMIT;
    const { groups, total } = buildScanTargetGroups({
      roles: applicable,
      enterpriseProjectId: epQuery,
      listings,
      filters: { hostName: query.host_name, ip: query.ip },
      offset,
      limit,
    });
    // Scan types and actions of the roles that allow some listed enterprise project (or, with no listing, any role in the region).
    const optionRoles = applicable.filter((role) => groups.some((group) => group.roles.includes(role.role)));
    return {
      subject: caller.sub,
      region: target.region,
      allowed: {
        regions: allowedRegions(described, [...this.config.projectIds.keys()]),
        enterprise_projects: groups.map((group) => group.enterprise_project_id),
        all_granted_eps:
          (epQuery === undefined || epQuery === ALL_GRANTED_EPS) &&
          applicable.some((role) => listGrantsEnterpriseProject(role.enterprise_projects, ALL_GRANTED_EPS)),
        ...allowedScanOptions(optionRoles),
      },
      roles: described.map(({ role, regions, enterprise_projects, hosts, scan_types, actions, audit }) => ({
        role,
        applies_in_region: applicable.some((a) => a.role === role),
        regions,
        enterprise_projects,
        hosts,
        scan_types,
        actions,
        audit,
      })),
      enterprise_projects: groups,
      total_hosts: total,
      offset,
      limit,
    };
  }

  /** Only a configured region resolves, as for the scan endpoint. */
  private target(regionHeader: string | undefined): UpstreamTarget {
    const target = resolveTarget(regionHeader ?? this.config.defaultRegion, this.config.projectIds, this.config.hssEndpoint);
    if (!target) throw new BadRequestException(`region header must be one of the configured regions: ${[...this.config.projectIds.keys()].join(', ')}`);
    return target;
  }
}
