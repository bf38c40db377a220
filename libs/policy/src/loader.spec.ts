import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from './evaluator';
import { loadPolicyFile, parsePolicy } from './loader';
import { PolicyError } from './policy-error';

const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

function policyError(run: () => unknown): PolicyError {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('parsePolicy', () => {
  it('returns the roles as written and the sha256 of the text', () => {
    const text = 'roles:\n  web:\n    regions: [cn-north-4]\n    hosts: ["*"]\n  auditor:\n    audit: read\n';
    const policy = parsePolicy(text);
    expect(policy.version).toBe(sha256(text));
    expect({ ...policy.roles }).toEqual({ web: { regions: ['cn-north-4'], hosts: ['*'] }, auditor: { audit: 'read' } });
  });

  it('gives a different version for a change that does not change meaning', () => {
    expect(parsePolicy('roles: {}\n').version).not.toBe(parsePolicy('roles: {}  # none\n').version);
  });

  it('accepts an empty roles mapping, which allows nothing', () => {
    const policy = parsePolicy('roles: {}');
    expect(Object.keys(policy.roles)).toEqual([]);
    expect(evaluate(policy, ['any'], { region: 'r', enterpriseProjectId: '0', hostIds: ['h'], scanType: 'quick', action: 'auto' }).allow).toBe(false);
  });

  it('returns a deeply frozen policy', () => {
    const policy = parsePolicy('roles:\n  a:\n    hosts: [h]\n');
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.roles) && Object.isFrozen(policy.roles.a)).toBe(true);
    expect(Object.isFrozen(policy.roles.a.hosts)).toBe(true);
  });

  it('keeps role names off Object.prototype', () => {
    const policy = parsePolicy('roles:\n  __proto__:\n    audit: read\n  constructor: {}\n');
    expect(Object.keys(policy.roles)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(policy.roles)).toBeNull();
  });

  it('shares lists through YAML anchors', () => {
    const policy = parsePolicy('roles:\n  a: {hosts: &web [h1, h2]}\n  b: {hosts: *web}\n');
    expect(policy.roles.b.hosts).toEqual(['h1', 'h2']);
  });

  it.each<[string, string, string]>([
    ['empty text', '', 'policy is empty; expected a mapping with a "roles" key'],
    ['only comments', '# nothing\n', 'policy is empty; expected a mapping with a "roles" key'],
    ['a top-level list', '- roles\n', 'the top level must be a mapping with a "roles" key (line 1)'],
    ['no roles key', 'version: 1\n', 'version: unknown key; the only top-level key is "roles" (line 1)'],
    ['an unknown top-level key', 'roles: {}\nrole: {}\n', 'role: unknown key; the only top-level key is "roles" (line 2)'],
    ['a missing roles mapping', '{}\n', 'roles: is required (a mapping of role names; {} allows nothing) (line 1)'],
    ['null roles', 'roles:\n', 'roles: must be a mapping of role names (use {} for none) (line 1)'],
    ['roles as a list', 'roles: [a]\n', 'roles: must be a mapping of role names (use {} for none) (line 1)'],
    ['an empty role name', 'roles:\n  "": {}\n', 'roles[""]: role name must be a non-empty string (line 2)'],
    ['a blank role name', 'roles:\n  " ": {}\n', 'roles[" "]: role name must be a non-empty string (line 2)'],
    ['a null role name', 'roles:\n  ? \n  : {}\n', 'roles: keys must be non-empty strings (line 2)'],
    ['a numeric role name', 'roles:\n  42: {}\n', 'roles: keys must be non-empty strings (got 42) (line 2)'],
    ['a null role', 'roles:\n  web:\n', 'roles.web: must be a mapping (use {} for a role that allows nothing) (line 2)'],
    ['an unknown role key', 'roles:\n  web:\n    host: [a]\n', 'roles.web.host: unknown key; expected one of regions, enterprise_projects, hosts, scan_types, actions, audit (line 3)'],
    ['a string instead of a list', 'roles:\n  web:\n    hosts: "*"\n', 'roles.web.hosts: must be a list of strings, e.g. [a, b] or ["*"] (line 3)'],
    ['a null list', 'roles:\n  web:\n    regions:\n', 'roles.web.regions: must be a list of strings, e.g. [a, b] or ["*"] (line 3)'],
    ['a number in a list', 'roles:\n  web:\n    enterprise_projects: [ep, 0]\n', 'roles.web.enterprise_projects[1]: must be a non-empty string (quote it: "0") (line 3)'],
    ['a null in a list', 'roles:\n  web:\n    hosts: [a, ~]\n', 'roles.web.hosts[1]: must be a non-empty string (line 3)'],
    ['an empty string in a list', 'roles:\n  web:\n    hosts: [""]\n', 'roles.web.hosts[0]: must be a non-empty string (line 3)'],
    ['a nested list', 'roles:\n  web:\n    regions: [[a]]\n', 'roles.web.regions[0]: must be a non-empty string (line 3)'],
    ['a bad scan type', 'roles:\n  web-scanner:\n    scan_types: [quick, deep]\n', 'roles.web-scanner.scan_types[1]: must be one of quick, full, custom or * (line 3)'],
    ['a bad action', 'roles:\n  web:\n    actions: [delete]\n', 'roles.web.actions[0]: must be one of auto, manual or * (line 3)'],
    ['all_granted_eps in a list', 'roles:\n  web:\n    enterprise_projects: [all_granted_eps]\n', 'roles.web.enterprise_projects[0]: all_granted_eps cannot be listed; only "*" allows it (line 3)'],
    ['audit other than read', 'roles:\n  aud:\n    audit: write\n', 'roles.aud.audit: must be "read" (line 3)'],
    ['audit as a boolean', 'roles:\n  aud:\n    audit: true\n', 'roles.aud.audit: must be "read" (line 3)'],
    ['a duplicate role', 'roles:\n  web: {}\n  web: {}\n', 'roles.web: duplicate key (line 3)'],
    ['a duplicate role key', 'roles:\n  web:\n    hosts: [a]\n    hosts: [b]\n', 'roles.web.hosts: duplicate key (line 4)'],
    ['a duplicate roles key', 'roles: {}\nroles: {}\n', 'roles: duplicate key (line 2)'],
    ['an unquoted *', 'roles:\n  web:\n    hosts: [*]\n', 'invalid YAML: Alias cannot be an empty string; an unquoted * is YAML alias syntax, write "*" (line 3)'],
    ['an unknown alias', 'roles:\n  web:\n    hosts: *nope\n', 'roles.web.hosts: unknown YAML alias *nope (line 3)'],
    ['tab indentation', 'roles:\n\tweb: {}\n', 'invalid YAML: Tabs are not allowed as indentation (line 2)'],
    ['several documents', 'roles: {}\n---\nroles: {}\n', 'invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() (line 2)'],
  ])('rejects %s', (_case, text, message) => {
    const error = policyError(() => parsePolicy(text));
    expect(error.message).toBe(message);
    expect(error.name).toBe('PolicyError');
  });

  it('names the source file before the key path', () => {
    const error = policyError(() => parsePolicy('roles:\n  web-scanner:\n    scan_types: [quick, deep]\n', 'config/policy.yaml'));
    expect(error.message).toBe('config/policy.yaml: roles.web-scanner.scan_types[1]: must be one of quick, full, custom or * (line 3)');
    expect(error).toMatchObject({ source: 'config/policy.yaml', path: 'roles.web-scanner.scan_types[1]', line: 3 });
  });

  it('caps YAML aliases so a crafted file cannot multiply work', () => {
    const roles = Array.from({ length: 101 }, (_, i) => `  r${i}: {hosts: *h}`).join('\n');
    const error = policyError(() => parsePolicy(`roles:\n  base: {hosts: &h [a]}\n${roles}\n`));
    expect(error.detail).toBe('more than 100 YAML aliases');
  });
});

describe('loadPolicyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('versions the exact bytes of the file, byte order mark and CRLF included', () => {
    const bytes = Buffer.from('\uFEFFroles:\r\n  web:\r\n    hosts: [h]\r\n', 'utf8');
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, bytes);
    const policy = loadPolicyFile(file);
    expect(policy.version).toBe(sha256(bytes));
    expect(policy.roles.web.hosts).toEqual(['h']);
  });

  it('names the file in validation errors', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'roles:\n  web:\n    actions: [later]\n');
    expect(() => loadPolicyFile(file)).toThrow(`${file}: roles.web.actions[0]: must be one of auto, manual or * (line 3)`);
  });

  it('reports a missing file as a PolicyError naming it', () => {
    const file = join(dir, 'missing.yaml');
    expect(policyError(() => loadPolicyFile(file)).message).toBe(`${file}: cannot read the policy file (ENOENT)`);
  });

  it('rejects bytes that are not UTF-8', () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from([0x72, 0x6f, 0x6c, 0x65, 0x73, 0x3a, 0x20, 0xff, 0x0a]));
    expect(policyError(() => loadPolicyFile(file)).message).toBe(`${file}: the policy file is not valid UTF-8`);
  });

  it('rejects a file over 1 MiB', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `roles: {}\n${'#'.repeat(1024 * 1024)}\n`);
    expect(policyError(() => loadPolicyFile(file)).detail).toBe('the policy is larger than 1048576 bytes');
  });

  it('loads the bundled demo policy', () => {
    const policy = loadPolicyFile(join(__dirname, '../../../config/policy.example.yaml'));
    expect(Object.keys(policy.roles)).toEqual(['web-scanner', 'ops-admin', 'auditor']);
    expect(policy.roles['web-scanner']).toEqual({
      regions: ['cn-north-4'],
      enterprise_projects: ['0', 'ep-web'],
      hosts: ['host-web-1', 'host-web-2'],
      scan_types: ['quick', 'custom'],
      actions: ['manual'],
    });
  });
});
