import { ALL_GRANTED_EPS, Policy, ROLE_LIST_KEYS, RoleListKey, RolePolicy, WILDCARD } from './policy';

/** One role key turned into a set lookup; `any` is a '*' grant. */
export interface Grant {
  readonly any: boolean;
  readonly values: ReadonlySet<string>;
}

export interface CompiledRole {
  readonly name: string;
  readonly regions: Grant;
  readonly enterpriseProjects: Grant;
  readonly hosts: Grant;
  readonly scanTypes: Grant;
  readonly actions: Grant;
  readonly audit: boolean;
  /** False when every list key is missing or empty, so no scan request can pass. */
  readonly grantsScans: boolean;
  /** The lists as written, for describing a role; a missing key is []. */
  readonly lists: Readonly<Record<RoleListKey, readonly string[]>>;
}

export interface CompiledPolicy {
  /** A Map, so a caller role such as "constructor" can never reach Object.prototype. */
  readonly roles: ReadonlyMap<string, CompiledRole>;
}

// Kept beside the Policy rather than on it so the public object stays plain data.
const cache = new WeakMap<Policy, CompiledPolicy>();

/** The set-based form of a policy, built once per Policy object and cached. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  let compiled = cache.get(policy);
  if (!compiled) {
    compiled = { roles: new Map(Object.entries(policy.roles).map(([name, role]) => [name, compileRole(name, role)])) };
    cache.set(policy, compiled);
  }
  return compiled;
}

/** Whether a grant allows one value; only '*' allows all_granted_eps. */
export function grants(grant: Grant, value: string): boolean {
  return grant.any || grant.values.has(value);
}

/** Enterprise projects differ: an explicit list never allows all_granted_eps. */
export function grantsEnterpriseProject(grant: Grant, value: string): boolean {
  return value === ALL_GRANTED_EPS ? grant.any : grants(grant, value);
}

// Policies built by hand (tests, other callers) skip the loader, so every field is checked, not trusted.
function compileRole(name: string, role: RolePolicy): CompiledRole {
  const lists = Object.fromEntries(ROLE_LIST_KEYS.map((key) => [key, listOf(role, key)])) as Record<RoleListKey, readonly string[]>;
  return {
    name,
    regions: toGrant(lists.regions),
    enterpriseProjects: toGrant(lists.enterprise_projects),
    hosts: toGrant(lists.hosts),
    scanTypes: toGrant(lists.scan_types),
    actions: toGrant(lists.actions),
    audit: role.audit === 'read',
    grantsScans: ROLE_LIST_KEYS.some((key) => lists[key].length > 0),
    lists,
  };
}

function listOf(role: RolePolicy, key: RoleListKey): readonly string[] {
  const list: unknown = Object.prototype.hasOwnProperty.call(role, key) ? role[key] : undefined;
  return Array.isArray(list) ? list.filter((value): value is string => typeof value === 'string') : [];
}

function toGrant(values: readonly string[]): Grant {
  return { any: values.includes(WILDCARD), values: new Set(values) };
}
