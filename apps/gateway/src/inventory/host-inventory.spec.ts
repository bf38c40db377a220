import type { HostItem } from '@app/huawei-cloud';
import { hostEnterpriseProject, notListedReason, toHostInventory, unlistedHosts } from './host-inventory';

const hosts: HostItem[] = [
  { host_id: 'web-1', enterprise_project_id: 'ep-web' },
  { host_id: 'db-1', enterprise_project_id: 'ep-db' },
  { host_id: 'bastion', enterprise_project_id: '0' },
  { host_id: 'legacy' },
];

describe('host inventory', () => {
  it('treats a host without an enterprise project as one of the default project "0"', () => {
    expect(hostEnterpriseProject({ host_id: 'x' })).toBe('0');
    expect(hostEnterpriseProject({ host_id: 'x', enterprise_project_id: '' })).toBe('0');
    expect(hostEnterpriseProject({ host_id: 'x', enterprise_project_id: 'ep-web' })).toBe('ep-web');
  });

  it('keeps only the hosts HSS reports in the queried enterprise project', () => {
    expect(toHostInventory('ep-web', hosts).hosts.map((h) => h.host_id)).toEqual(['web-1']);
    expect(toHostInventory('0', hosts).hosts.map((h) => h.host_id)).toEqual(['bastion', 'legacy']);
    expect(toHostInventory('ep-none', hosts).hosts).toEqual([]);
  });

  it('keeps every host for all_granted_eps', () => {
    expect(toHostInventory('all_granted_eps', hosts).hosts.map((h) => h.host_id)).toEqual(['web-1', 'db-1', 'bastion', 'legacy']);
  });

  it('names the requested hosts it does not list, in request order, once each', () => {
    const inventory = toHostInventory('ep-web', hosts);
    expect(unlistedHosts(inventory, ['web-1'])).toEqual([]);
    expect(unlistedHosts(inventory, ['db-1', 'web-1', 'ghost', 'db-1'])).toEqual(['db-1', 'ghost']);
  });

  it('words the denial with the enterprise project', () => {
    expect(notListedReason('ep-web', ['host-db-1'])).toBe('hosts not in enterprise project ep-web: host-db-1');
    expect(notListedReason('all_granted_eps', ['a', 'b'])).toBe('hosts not in any granted enterprise project: a, b');
  });
});
