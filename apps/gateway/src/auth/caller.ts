/** The authenticated caller, as the auth guard leaves it on the request. */
export interface Caller {
  sub: string;
  roles: string[];
}

/** Reads the roles claim (a name or a dotted path such as realm_access.roles): a string array, or a space-separated string. */
export function rolesFromClaims(payload: Record<string, unknown>, claim: string): string[] {
  let value: unknown = payload[claim];
  if (value === undefined && claim.includes('.')) {
    value = claim.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
  }
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string' && r.length > 0);
  return [];
}
