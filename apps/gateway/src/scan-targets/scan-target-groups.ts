import type { HostItem } from '@app/huawei-cloud';
import { ALL_GRANTED_EPS, type RoleDescription } from '@app/policy';
import { hostEnterpriseProject, type HostInventory } from '../inventory/host-inventory';
import { explicitEnterpriseProjects, listGrants, listGrantsEnterpriseProject } from './scan-target-plan';

/** One host the caller may scan, and the roles that allow it (roles never combine). */
export interface ScanTargetHost {
  host_id: string;
  host_name: string | null;
  private_ip: string | null;
  public_ip: string | null;
  agent_status: string | null;
  protect_status: string | null;
  os_type: string | null;
  roles: string[];
}

/** The hosts of one enterprise project the caller may scan (this page's share of them). */
export interface ScanTargetGroup {
  enterprise_project_id: string;
  enterprise_project_name: string | null;
  /** The caller's roles that allow this enterprise project in the region. */
  roles: string[];
  /** Hosts matching the filters, across all pages. */
  total_hosts: number;
  hosts: ScanTargetHost[];
}

export interface HostFilters {
  /** Case-insensitive substring of the host name. */
  hostName?: string;
  /** Substring of the private or public IP. */
  ip?: string;
}

export interface GroupInput {
  /** Roles that can allow some scan in the region. */
  roles: readonly RoleDescription[];
  /** The caller's enterprise_project_id query, if any. */
  enterpriseProjectId?: string;
  /** Listings read, by the enterprise project id they were read for. */
  listings: ReadonlyMap<string, HostInventory>;
  filters: HostFilters;
  offset: number;
  limit: number;
}

interface Candidate {
  enterpriseProjectId: string;
  roles: RoleDescription[];
  hosts: HostItem[];
}

/** Groups the listed hosts by enterprise project, keeps those a role allows and the filters match, and pages them. */
export function buildScanTargetGroups(input: GroupInput): { groups: ScanTargetGroup[]; total: number } {
  const candidates = candidatesOf(input);
  const matching = candidates.map((candidate) => ({
    candidate,
    hosts: candidate.hosts
      .map((host) => toTargetHost(host, candidate.roles))
      .filter((host): host is ScanTargetHost => host !== null),
  }));
  let skip = input.offset;
  let room = input.limit;
  const groups = matching
    // An enterprise project seen only in the inventory is shown when it holds a host the caller may scan.
    .filter(({ candidate, hosts }) => hosts.length > 0 || explicitlyNamed(input, candidate.enterpriseProjectId))
    .map(({ candidate, hosts }) => {
      const filtered = hosts.filter((host) => matchesFilters(host, input.filters));
      const from = Math.min(skip, filtered.length);
      const page = filtered.slice(from, from + room);
      skip -= from;
      room -= page.length;
      return {
        enterprise_project_id: candidate.enterpriseProjectId,
        enterprise_project_name: candidate.hosts.find((host) => host.enterprise_project_name)?.enterprise_project_name ?? null,
        roles: candidate.roles.map((role) => role.role),
        total_hosts: filtered.length,
        hosts: page,
      };
    });
  return { groups, total: groups.reduce((sum, group) => sum + group.total_hosts, 0) };
}

function explicitlyNamed(input: GroupInput, enterpriseProjectId: string): boolean {
  return input.enterpriseProjectId === enterpriseProjectId || explicitEnterpriseProjects(input.roles).includes(enterpriseProjectId);
}

/** Enterprise projects to show, sorted by id, each with the roles that allow it and its listed hosts. */
function candidatesOf(input: GroupInput): Candidate[] {
  const byEp = new Map<string, HostItem[]>();
  const add = (ep: string, host?: HostItem) => {
    const hosts = byEp.get(ep) ?? [];
    if (host) hosts.push(host);
    byEp.set(ep, hosts);
  };
  for (const [listed, inventory] of input.listings) {
    if (listed !== ALL_GRANTED_EPS) add(listed);
    for (const host of inventory.hosts) add(listed === ALL_GRANTED_EPS ? hostEnterpriseProject(host) : listed, host);
  }
  if (input.enterpriseProjectId === undefined) for (const ep of explicitEnterpriseProjects(input.roles)) add(ep);

  // With all_granted_eps in the query, a scan is submitted for all_granted_eps: only the roles allowing that apply.
  const requestEp = input.enterpriseProjectId === ALL_GRANTED_EPS ? ALL_GRANTED_EPS : undefined;
  return [...byEp.keys()]
    .sort()
    .map((ep) => ({
      enterpriseProjectId: ep,
      roles: input.roles.filter((role) => listGrantsEnterpriseProject(role.enterprise_projects, requestEp ?? ep)),
      hosts: byEp.get(ep) ?? [],
    }))
    .filter((candidate) => candidate.roles.length > 0);
}

function toTargetHost(host: HostItem, roles: readonly RoleDescription[]): ScanTargetHost | null {
  const allowing = roles.filter((role) => listGrants(role.hosts, host.host_id)).map((role) => role.role);
  if (allowing.length === 0) return null;
  return {
    host_id: host.host_id,
    host_name: host.host_name ?? null,
    private_ip: host.private_ip ?? null,
    public_ip: host.public_ip ?? null,
    agent_status: host.agent_status ?? null,
    protect_status: host.protect_status ?? null,
    os_type: host.os_type ?? null,
    roles: allowing,
  };
}

function matchesFilters(host: ScanTargetHost, filters: HostFilters): boolean {
  if (filters.hostName !== undefined && !(host.host_name ?? '').toLowerCase().includes(filters.hostName.toLowerCase())) return false;
  if (filters.ip !== undefined && ![host.private_ip, host.public_ip].some((ip) => ip !== null && ip.includes(filters.ip as string))) return false;
  return true;
}
