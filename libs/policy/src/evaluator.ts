import { CompiledPolicy, CompiledRole, compilePolicy, grants, grantsEnterpriseProject } from './compiled-policy';
import { Decision, Policy, RoleDenial, RoleDescription, ScanRequestFacts } from './policy';

/** Deny by default; allowed only when ONE role allows the whole request. */
export function evaluate(policy: Policy, roles: readonly string[], request: ScanRequestFacts): Decision {
  const compiled = compilePolicy(policy);
  // Hot path: set lookups only, no allocation until a denial has to be explained.
  if (request.hostIds.length > 0) {
    for (const name of roles) {
      const role = compiled.roles.get(name);
      if (role !== undefined && allowsAll(role, request)) return { allow: true, role: name };
    }
  }
  return { allow: false, reason: denialReason(compiled, roles, request) };
}

/** Why each of the caller's known roles refuses the request (empty when none is known or one allows it). */
export function denialSubjects(policy: Policy, roles: readonly string[], request: ScanRequestFacts): RoleDenial[] {
  const denials = knownRoles(compilePolicy(policy), roles).map((role) => denialOf(role, request));
  return denials.some((denial) => denial === null) ? [] : (denials as RoleDenial[]);
}

/** True when one of the roles has `audit: read`. */
export function canReadAudit(policy: Policy, roles: readonly string[]): boolean {
  const compiled = compilePolicy(policy);
  return roles.some((name) => compiled.roles.get(name)?.audit === true);
}

/** What each of the caller's known roles allows (for a UI / explain); '*' kept as '*'. */
export function describeRoles(policy: Policy, roles: readonly string[]): RoleDescription[] {
  return knownRoles(compilePolicy(policy), roles).map(({ name, lists, audit }) => ({
    role: name,
    regions: [...lists.regions],
    enterprise_projects: [...lists.enterprise_projects],
    hosts: [...lists.hosts],
    scan_types: [...lists.scan_types],
    actions: [...lists.actions],
    audit,
  }));
}

function allowsAll(role: CompiledRole, request: ScanRequestFacts): boolean {
  if (!grants(role.regions, request.region)) return false;
  if (!grantsEnterpriseProject(role.enterpriseProjects, request.enterpriseProjectId)) return false;
  if (!grants(role.scanTypes, request.scanType) || !grants(role.actions, request.action)) return false;
  if (role.hosts.any) return true;
  for (const host of request.hostIds) if (!role.hosts.values.has(host)) return false;
  return true;
}

/** The caller's roles the policy knows, in the caller's order, each once. */
function knownRoles(compiled: CompiledPolicy, roles: readonly string[]): CompiledRole[] {
  const known = new Map<string, CompiledRole>();
  for (const name of roles) {
    const role = compiled.roles.get(name);
    if (role !== undefined) known.set(name, role);
  }
  return [...known.values()];
}

/** Null when the role allows the whole request. */
function denialOf(role: CompiledRole, request: ScanRequestFacts): RoleDenial | null {
  // A role that grants no scan at all (e.g. an auditor) says so rather than listing every field.
  if (!role.grantsScans) return { role: role.name, noScanGrants: true };
  const denial: RoleDenial = { role: role.name };
  if (!grants(role.regions, request.region)) denial.region = request.region;
  if (!grantsEnterpriseProject(role.enterpriseProjects, request.enterpriseProjectId)) {
    denial.enterpriseProject = request.enterpriseProjectId;
  }
  const hosts = [...new Set(request.hostIds.filter((host) => !grants(role.hosts, host)))];
  if (hosts.length > 0) denial.hosts = hosts;
  if (request.hostIds.length === 0) denial.noHosts = true;
  if (!grants(role.scanTypes, request.scanType)) denial.scanType = request.scanType;
  if (!grants(role.actions, request.action)) denial.action = request.action;
  return Object.keys(denial).length === 1 ? null : denial;
}

function denialReason(compiled: CompiledPolicy, roles: readonly string[], request: ScanRequestFacts): string {
  if (roles.length === 0) return 'caller has no roles';
  const known = knownRoles(compiled, roles);
  if (known.length === 0) return `no policy role for caller roles [${[...new Set(roles)].join(', ')}]`;
  return known
    .map((role) => denialOf(role, request))
    .filter((denial): denial is RoleDenial => denial !== null)
    .map(formatDenial)
    .join(' | ');
}

/** Stable wording, one clause per refused part, in request-field order. */
export function formatDenial(denial: RoleDenial): string {
  if (denial.noScanGrants) return `role ${denial.role}: grants no scan tasks`;
  const parts: string[] = [];
  if (denial.region !== undefined) parts.push(`region ${denial.region} not allowed`);
  if (denial.enterpriseProject !== undefined) parts.push(`enterprise project ${denial.enterpriseProject} not allowed`);
  if (denial.noHosts) parts.push('request names no hosts');
  if (denial.hosts !== undefined) parts.push(`hosts not allowed: ${denial.hosts.join(', ')}`);
  if (denial.scanType !== undefined) parts.push(`scan type ${denial.scanType} not allowed`);
  if (denial.action !== undefined) parts.push(`action ${denial.action} not allowed`);
  return `role ${denial.role}: ${parts.join('; ')}`;
}
