import type { HostItem } from '@app/huawei-cloud';
import type { RoleDescription } from '@app/policy';
import { toHostInventory } from '../inventory/host-inventory';
import { buildScanTargetGroups, type GroupInput } from './scan-target-groups';
import { allowedRegions, allowedScanOptions, listingsToRead, rolesForRegion } from './scan-target-plan';

function role(name: string, lists: Partial<Omit<RoleDescription, 'role'>>): RoleDescription {
  return { role: name, regions: ['*'], enterprise_projects: [], hosts: [], scan_types: ['quick'], actions: ['manual'], audit: false, ...lists };
}

const HOSTS: HostItem[] = [
  { host_id: 'web-1', host_name: 'Web-Frontend-01', private_ip: '10.0.1.1', public_ip: '1.2.3.4', enterprise_project_id: 'ep-web', enterprise_project_name: 'web' },
  { host_id: 'web-2', host_name: 'web-frontend-02', private_ip: '10.0.1.2', enterprise_project_id: 'ep-web', enterprise_project_name: 'web' },
  { host_id: 'db-1', host_name: 'db-primary', private_ip: '10.0.2.1', enterprise_project_id: 'ep-db', enterprise_project_name: 'databases' },
  { host_id: 'bastion', host_name: 'bastion', private_ip: '10.0.0.5', public_ip: '1.2.3.5', enterprise_project_id: '0' },
];

/** Listings as HSS would return them for each enterprise project read. */
function listings(eps: string[]): Map<string, ReturnType<typeof toHostInventory>> {
  return new Map(eps.map((ep) => [ep, toHostInventory(ep, HOSTS)]));
}

function ids(result: ReturnType<typeof buildScanTargetGroups>): Record<string, string[]> {
  return Object.fromEntries(result.groups.map((g) => [g.enterprise_project_id, g.hosts.map((h) => h.host_id)]));
}

function build(roles: RoleDescription[], extra: Partial<GroupInput> = {}) {
  const eps = listingsToRead(roles, extra.enterpriseProjectId);
  return buildScanTargetGroups({ roles, listings: listings(eps), filters: {}, offset: 0, limit: 100, ...extra });
}

const webScanner = role('web-scanner', { regions: ['cn-north-4'], enterprise_projects: ['0', 'ep-web'], hosts: ['web-1', 'web-2', 'db-1'] });
const anyHost = role('ep-web-any', { enterprise_projects: ['ep-web'], hosts: ['*'] });
const admin = role('admin', { enterprise_projects: ['*'], hosts: ['*'], scan_types: ['*'], actions: ['*'] });
const auditor = role('auditor', { regions: [], scan_types: [], actions: [], audit: true });

describe('scan target plan', () => {
  it('keeps the roles that can allow a scan in the region', () => {
    expect(rolesForRegion([webScanner, admin, auditor], 'cn-north-4').map((r) => r.role)).toEqual(['web-scanner', 'admin']);
    expect(rolesForRegion([webScanner, auditor], 'eu-west-101')).toEqual([]);
    expect(allowedRegions([webScanner], ['eu-west-101', 'cn-north-4'])).toEqual(['cn-north-4']);
    expect(allowedRegions([auditor], ['cn-north-4'])).toEqual([]);
  });

  it('expands "*" scan types and actions', () => {
    expect(allowedScanOptions([webScanner])).toEqual({ scan_types: ['quick'], actions: ['manual'] });
    expect(allowedScanOptions([webScanner, admin])).toEqual({ scan_types: ['quick', 'full', 'custom'], actions: ['auto', 'manual'] });
  });

  it('reads only listings of enterprise projects a role allows', () => {
    expect(listingsToRead([webScanner], undefined)).toEqual(['0', 'ep-web']);
    expect(listingsToRead([webScanner, admin], undefined)).toEqual(['all_granted_eps']);
    expect(listingsToRead([webScanner], 'ep-db')).toEqual([]);
    expect(listingsToRead([webScanner], 'all_granted_eps')).toEqual([]);
    expect(listingsToRead([admin], 'ep-db')).toEqual(['ep-db']);
    expect(listingsToRead([], undefined)).toEqual([]);
  });
});

describe('buildScanTargetGroups', () => {
  it('shows a host only in the enterprise project HSS lists it in, even when the role names it', () => {
    // db-1 is named by web-scanner, but it lives in ep-db, which web-scanner may not use.
    expect(ids(build([webScanner]))).toEqual({ '0': [], 'ep-web': ['web-1', 'web-2'] });
  });

  it('lists every host of an allowed enterprise project for a role with hosts "*"', () => {
    expect(ids(build([anyHost]))).toEqual({ 'ep-web': ['web-1', 'web-2'] });
  });

  it('groups the whole inventory by enterprise project for enterprise_projects "*"', () => {
    const result = build([admin]);
    expect(ids(result)).toEqual({ '0': ['bastion'], 'ep-db': ['db-1'], 'ep-web': ['web-1', 'web-2'] });
    expect(result.total).toBe(4);
    expect(result.groups.find((g) => g.enterprise_project_id === 'ep-db')).toMatchObject({ enterprise_project_name: 'databases', roles: ['admin'], total_hosts: 1 });
  });

  it('names, per host, the roles that allow it (roles never combine)', () => {
    const result = build([webScanner, admin]);
    const web = result.groups.find((g) => g.enterprise_project_id === 'ep-web');
    expect(web?.roles).toEqual(['web-scanner', 'admin']);
    expect(web?.hosts.map((h) => [h.host_id, h.roles])).toEqual([['web-1', ['web-scanner', 'admin']], ['web-2', ['web-scanner', 'admin']]]);
    const db = result.groups.find((g) => g.enterprise_project_id === 'ep-db');
    expect(db?.roles).toEqual(['admin']);
    expect(db?.hosts.map((h) => h.roles)).toEqual([['admin']]);
  });

  it('with all_granted_eps, applies only the roles allowing all_granted_eps', () => {
    expect(ids(build([webScanner], { enterpriseProjectId: 'all_granted_eps' }))).toEqual({});
    const result = build([webScanner, admin], { enterpriseProjectId: 'all_granted_eps' });
    expect(ids(result)).toEqual({ '0': ['bastion'], 'ep-db': ['db-1'], 'ep-web': ['web-1', 'web-2'] });
    expect(result.groups.every((g) => g.roles.join() === 'admin')).toBe(true);
  });

  it('restricts to the enterprise project of the query, and shows nothing for one no role allows', () => {
    expect(ids(build([webScanner, admin], { enterpriseProjectId: 'ep-web' }))).toEqual({ 'ep-web': ['web-1', 'web-2'] });
    expect(ids(build([webScanner], { enterpriseProjectId: 'ep-db' }))).toEqual({});
    expect(ids(build([admin], { enterpriseProjectId: 'ep-empty' }))).toEqual({ 'ep-empty': [] });
  });

  it('filters by host name (case-insensitive) and by private or public IP', () => {
    expect(ids(build([admin], { filters: { hostName: 'FRONTEND' } }))).toEqual({ '0': [], 'ep-db': [], 'ep-web': ['web-1', 'web-2'] });
    expect(ids(build([admin], { filters: { ip: '1.2.3.' } }))).toEqual({ '0': ['bastion'], 'ep-db': [], 'ep-web': ['web-1'] });
    expect(ids(build([admin], { filters: { ip: '10.0.2.1' } }))).toEqual({ '0': [], 'ep-db': ['db-1'], 'ep-web': [] });
  });

  it('pages across enterprise projects in order, with totals over all pages', () => {
    const page = (offset: number, limit: number) => build([admin], { offset, limit });
    expect(ids(page(0, 2))).toEqual({ '0': ['bastion'], 'ep-db': ['db-1'], 'ep-web': [] });
    expect(ids(page(2, 2))).toEqual({ '0': [], 'ep-db': [], 'ep-web': ['web-1', 'web-2'] });
    expect(ids(page(3, 10))).toEqual({ '0': [], 'ep-db': [], 'ep-web': ['web-2'] });
    expect(page(3, 10).groups.map((g) => g.total_hosts)).toEqual([1, 1, 2]);
    expect(page(10, 10).total).toBe(4);
  });

  it('shows host fields as HSS lists them, null when absent', () => {
    const [host] = build([anyHost]).groups[0].hosts;
    expect(host).toEqual({
      host_id: 'web-1', host_name: 'Web-Frontend-01', private_ip: '10.0.1.1', public_ip: '1.2.3.4',
      agent_status: null, protect_status: null, os_type: null, roles: ['ep-web-any'],
    });
  });
});
