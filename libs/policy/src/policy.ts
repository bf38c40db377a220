/** The scan types HSS accepts; a policy may also use '*'. */
export const SCAN_TYPES = ['quick', 'full', 'custom'] as const;
/** The post-scan actions HSS accepts; a policy may also use '*'. */
export const ACTIONS = ['auto', 'manual'] as const;
/** Grants every value of a key. */
export const WILDCARD = '*';
/** The HSS enterprise project id meaning "all of them"; only '*' grants it. */
export const ALL_GRANTED_EPS = 'all_granted_eps';
/** The enterprise project id the caller passes when the request names none. */
export const DEFAULT_ENTERPRISE_PROJECT = '0';

/** The list-valued keys of a role, in the order a denial reason reports them. */
export const ROLE_LIST_KEYS = ['regions', 'enterprise_projects', 'hosts', 'scan_types', 'actions'] as const;
export type RoleListKey = (typeof ROLE_LIST_KEYS)[number];

/** One role as written in the policy file; a missing key allows nothing. */
export interface RolePolicy {
  regions?: string[];
  enterprise_projects?: string[];
  hosts?: string[];
  scan_types?: string[];
  actions?: string[];
  audit?: 'read';
}

/** A validated policy. Objects returned by the loader are deeply frozen. */
export interface Policy {
  readonly roles: Readonly<Record<string, RolePolicy>>;
  /** Hex sha256 of the policy file's exact bytes. */
  readonly version: string;
}

/** What the evaluator needs to know about one scan-task request. */
export interface ScanRequestFacts {
  region: string;
  /** '0' when the request names none; may be 'all_granted_eps'. */
  enterpriseProjectId: string;
  hostIds: readonly string[];
  scanType: string;
  action: string;
}

export type Decision = { allow: true; role: string } | { allow: false; reason: string };

/** Why one role did not allow a request; only the parts it refused are set. */
export interface RoleDenial {
  role: string;
  /** The role grants no scan task at all (every list key missing or empty); no other field is set. */
  noScanGrants?: true;
  region?: string;
  enterpriseProject?: string;
  /** Denied host ids, in request order, without duplicates. */
  hosts?: string[];
  /** Set when the request names no host at all. */
  noHosts?: true;
  scanType?: string;
  action?: string;
}

/** What one role allows, lists as written ('*' kept), missing keys as []. */
export interface RoleDescription {
  role: string;
  regions: string[];
  enterprise_projects: string[];
  hosts: string[];
  scan_types: string[];
  actions: string[];
  audit: boolean;
}
