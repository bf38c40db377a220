import type { HostItem } from '@app/huawei-cloud';
import { ALL_GRANTED_EPS, DEFAULT_ENTERPRISE_PROJECT } from '@app/policy';

/** The hosts HSS lists for one enterprise project (or all_granted_eps) of one project, indexed by id. */
export interface HostInventory {
  enterpriseProjectId: string;
  hosts: readonly HostItem[];
  byId: ReadonlyMap<string, HostItem>;
}

/** Enterprise project of a host; HSS leaves it out for hosts of the default project "0". */
export function hostEnterpriseProject(host: HostItem): string {
  return host.enterprise_project_id || DEFAULT_ENTERPRISE_PROJECT;
}

/**
 * Indexes a ListHostStatus result. A host HSS reports under another enterprise
 * project is dropped, so an upstream that ignored the filter cannot widen access.
 */
export function toHostInventory(enterpriseProjectId: string, hosts: readonly HostItem[]): HostInventory {
  const kept =
    enterpriseProjectId === ALL_GRANTED_EPS ? [...hosts] : hosts.filter((host) => hostEnterpriseProject(host) === enterpriseProjectId);
  return { enterpriseProjectId, hosts: kept, byId: new Map(kept.map((host) => [host.host_id, host])) };
}

/** The requested host ids the inventory does not list, in request order, each once. */
export function unlistedHosts(inventory: HostInventory, hostIds: readonly string[]): string[] {
  return [...new Set(hostIds.filter((id) => !inventory.byId.has(id)))];
}

/** The 403 reason for hosts outside the request's enterprise project. */
export function notListedReason(enterpriseProjectId: string, hostIds: readonly string[]): string {
  const where = enterpriseProjectId === ALL_GRANTED_EPS ? 'any granted enterprise project' : `enterprise project ${enterpriseProjectId}`;
  return `hosts not in ${where}: ${hostIds.join(', ')}`;
}
