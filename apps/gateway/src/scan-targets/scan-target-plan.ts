import { ACTIONS, ALL_GRANTED_EPS, SCAN_TYPES, WILDCARD, type RoleDescription } from '@app/policy';

/** Whether a role list as written allows a value ('*' allows any). */
export function listGrants(list: readonly string[], value: string): boolean {
  return list.includes(WILDCARD) || list.includes(value);
}

/** Enterprise projects as the evaluator reads them: only '*' allows all_granted_eps. */
export function listGrantsEnterpriseProject(list: readonly string[], enterpriseProjectId: string): boolean {
  return enterpriseProjectId === ALL_GRANTED_EPS ? list.includes(WILDCARD) : listGrants(list, enterpriseProjectId);
}

/** A role can allow a scan only when every list key names something (a missing key allows nothing). */
export function grantsSomeScan(role: RoleDescription): boolean {
  return [role.regions, role.enterprise_projects, role.hosts, role.scan_types, role.actions].every((list) => list.length > 0);
}

/** The roles that can allow some scan in the region. */
export function rolesForRegion(roles: readonly RoleDescription[], region: string): RoleDescription[] {
  return roles.filter((role) => grantsSomeScan(role) && listGrants(role.regions, region));
}

/** The configured regions, in configuration order, where one of the roles can allow some scan. */
export function allowedRegions(roles: readonly RoleDescription[], configured: readonly string[]): string[] {
  return configured.filter((region) => rolesForRegion(roles, region).length > 0);
}

/** The values of a key the roles allow, '*' expanded to every value HSS accepts, in HSS order. */
export function allowedValues(lists: ReadonlyArray<readonly string[]>, all: readonly string[]): string[] {
  return all.filter((value) => lists.some((list) => listGrants(list, value)));
}

/** Scan types and actions the roles allow, '*' expanded. */
export function allowedScanOptions(roles: readonly RoleDescription[]): { scan_types: string[]; actions: string[] } {
  return {
    scan_types: allowedValues(roles.map((role) => role.scan_types), SCAN_TYPES),
    actions: allowedValues(roles.map((role) => role.actions), ACTIONS),
  };
}

/** Enterprise projects the roles name explicitly (not '*', and never all_granted_eps, which only '*' grants). */
export function explicitEnterpriseProjects(roles: readonly RoleDescription[]): string[] {
  const named = roles.flatMap((role) => role.enterprise_projects).filter((ep) => ep !== WILDCARD && ep !== ALL_GRANTED_EPS);
  return [...new Set(named)].sort();
}

/**
 * Which host listings to read: only enterprise projects some role allows, so an
 * enterprise project the caller may not use is never even counted. A role with
 * enterprise_projects '*' needs the whole inventory (all_granted_eps), which
 * also covers every named one.
 */
export function listingsToRead(roles: readonly RoleDescription[], enterpriseProjectId: string | undefined): string[] {
  if (enterpriseProjectId !== undefined) {
    return roles.some((role) => listGrantsEnterpriseProject(role.enterprise_projects, enterpriseProjectId)) ? [enterpriseProjectId] : [];
  }
  if (roles.some((role) => role.enterprise_projects.includes(WILDCARD))) return [ALL_GRANTED_EPS];
  return explicitEnterpriseProjects(roles);
}
