import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, YAMLMap } from 'yaml';
import { ACTIONS, ALL_GRANTED_EPS, ROLE_LIST_KEYS, RoleListKey, RolePolicy, SCAN_TYPES, WILDCARD } from './policy';
import { PolicyError } from './policy-error';

/** Aliases can share one host list between roles; the cap stops a crafted file from multiplying work. */
const MAX_ALIASES = 100;
const ROLE_KEYS: readonly string[] = [...ROLE_LIST_KEYS, 'audit'];
const ALLOWED_VALUES: Partial<Record<RoleListKey, readonly string[]>> = {
  scan_types: [...SCAN_TYPES, WILDCARD],
  actions: [...ACTIONS, WILDCARD],
};

/**
 * Walks the YAML syntax tree rather than its plain-JS form so that every
 * problem can name its key path and line, and so that non-string keys,
 * empty keys and duplicate keys are seen before they collapse into an object.
 */
export class PolicySchemaReader {
  private aliases = 0;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly source?: string,
  ) {}

  /** Returns the validated roles, as a prototype-free record. */
  readRoles(): Record<string, RolePolicy> {
    const top = this.resolve(this.doc.contents, '');
    if (top === null || top === undefined || (isScalar(top) && top.value === null)) {
      this.fail('', 'policy is empty; expected a mapping with a "roles" key', top);
    }
    if (!isMap(top)) this.fail('', 'the top level must be a mapping with a "roles" key', top);
    let roles: Record<string, RolePolicy> | undefined;
    for (const [key, value, keyNode] of this.entries(top, '')) {
      if (key !== 'roles') this.fail(key, 'unknown key; the only top-level key is "roles"', keyNode);
      roles = this.readRoleMap(value);
    }
    if (roles === undefined) this.fail('roles', 'is required (a mapping of role names; {} allows nothing)', top);
    return roles;
  }

  private readRoleMap(node: unknown): Record<string, RolePolicy> {
    const map = this.resolve(node, 'roles');
    if (!isMap(map)) this.fail('roles', 'must be a mapping of role names (use {} for none)', map);
    const roles: Record<string, RolePolicy> = Object.create(null) as Record<string, RolePolicy>;
    for (const [name, value, keyNode] of this.entries(map, 'roles')) {
      if (name.trim() === '') this.fail(keyPath('roles', name), 'role name must be a non-empty string', keyNode);
      roles[name] = this.readRole(value, keyPath('roles', name));
    }
    return roles;
  }

  private readRole(node: unknown, path: string): RolePolicy {
    const map = this.resolve(node, path);
    if (!isMap(map)) this.fail(path, 'must be a mapping (use {} for a role that allows nothing)', map ?? node);
    const role: RolePolicy = {};
    for (const [key, value, keyNode] of this.entries(map, path)) {
      const at = keyPath(path, key);
      if (key === 'audit') {
        const scalar = this.resolve(value, at);
        if (!isScalar(scalar) || scalar.value !== 'read') this.fail(at, 'must be "read"', scalar ?? keyNode);
        role.audit = 'read';
      } else if (isRoleListKey(key)) {
        role[key] = this.readList(value, at, key);
      } else {
        this.fail(at, `unknown key; expected one of ${ROLE_KEYS.join(', ')}`, keyNode);
      }
    }
    return role;
  }

  private readList(node: unknown, path: string, key: RoleListKey): string[] {
    const seq = this.resolve(node, path);
    if (!isSeq(seq)) this.fail(path, 'must be a list of strings, e.g. [a, b] or ["*"]', seq ?? node);
    const allowed = ALLOWED_VALUES[key];
    return seq.items.map((item, index) => {
      const at = `${path}[${index}]`;
      const value = this.readString(item, at);
      if (allowed && !allowed.includes(value)) this.fail(at, `must be one of ${describeChoices(allowed)}`, item);
      if (key === 'enterprise_projects' && value === ALL_GRANTED_EPS) {
        this.fail(at, `${ALL_GRANTED_EPS} cannot be listed; only "*" allows it`, item);
      }
      return value;
    });
  }

  private readString(node: unknown, path: string): string {
    const scalar = this.resolve(node, path);
    if (!isScalar(scalar) || typeof scalar.value !== 'string') {
      const hint = isScalar(scalar) && scalar.value !== null ? ` (quote it: "${String(scalar.source ?? scalar.value)}")` : '';
      this.fail(path, `must be a non-empty string${hint}`, scalar ?? node);
    }
    if (scalar.value === '') this.fail(path, 'must be a non-empty string', scalar);
    return scalar.value;
  }

  /** Yields each pair's string key, its value node and its key node; rejects odd and duplicate keys. */
  private *entries(map: YAMLMap, path: string): Generator<[string, unknown, unknown]> {
    const seen = new Set<string>();
    for (const pair of map.items) {
      const keyNode = this.resolve(pair.key, path);
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof key !== 'string') {
        const shown = isScalar(keyNode) && keyNode.value !== null ? ` (got ${String(keyNode.source ?? keyNode.value)})` : '';
        this.fail(path, `keys must be non-empty strings${shown}`, keyNode ?? map);
      }
      if (seen.has(key)) this.fail(path === '' ? key : keyPath(path, key), 'duplicate key', keyNode);
      seen.add(key);
      yield [key, pair.value, keyNode];
    }
  }

  private resolve(node: unknown, path: string): unknown {
    if (!isAlias(node)) return node;
    this.aliases += 1;
    if (this.aliases > MAX_ALIASES) this.fail(path, `more than ${MAX_ALIASES} YAML aliases`, node);
    const target = node.resolve(this.doc);
    if (target === undefined) this.fail(path, `unknown YAML alias *${node.source}`, node);
    return target;
  }

  private fail(path: string, detail: string, node?: unknown): never {
    throw new PolicyError(detail, { source: this.source, path, line: this.lineOf(node) });
  }

  private lineOf(node: unknown): number | undefined {
    const range = (node as { range?: readonly number[] | null } | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }
}

function isRoleListKey(key: string): key is RoleListKey {
  return (ROLE_LIST_KEYS as readonly string[]).includes(key);
}

/** Plain names read as `roles.web-scanner`; anything else is quoted so the path stays unambiguous. */
function keyPath(parent: string, key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function describeChoices(values: readonly string[]): string {
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
