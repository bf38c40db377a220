export {
  ACTIONS,
  ALL_GRANTED_EPS,
  DEFAULT_ENTERPRISE_PROJECT,
  SCAN_TYPES,
  WILDCARD,
} from './policy';
export type { Decision, Policy, RoleDenial, RoleDescription, RolePolicy, ScanRequestFacts } from './policy';
export { PolicyError } from './policy-error';
export type { PolicyErrorLocation } from './policy-error';
export { loadPolicyFile, parsePolicy } from './loader';
export { canReadAudit, denialSubjects, describeRoles, evaluate, formatDenial } from './evaluator';
