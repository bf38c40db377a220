import { canReadAudit, denialSubjects, describeRoles, evaluate } from './evaluator';
import { parsePolicy } from './loader';
import { Policy, ScanRequestFacts } from './policy';

const policy = parsePolicy(`
roles:
  web-scanner:
    regions: [cn-north-4]
    enterprise_projects: ["0", ep-web]
    hosts: [host-web-1, host-web-2]
    scan_types: [quick, custom]
    actions: [manual]
  ops-admin:
    regions: ["*"]
    enterprise_projects: ["*"]
    hosts: ["*"]
    scan_types: ["*"]
    actions: ["*"]
  only-host-1: {regions: [r], enterprise_projects: ["0"], hosts: [host-1], scan_types: [quick], actions: [auto]}
  only-host-2: {regions: [r], enterprise_projects: ["0"], hosts: [host-2], scan_types: [quick], actions: [auto]}
  listed-eps: {regions: ["*"], enterprise_projects: [ep-a, ep-b], hosts: ["*"], scan_types: ["*"], actions: ["*"]}
  no-hosts-key: {regions: ["*"], enterprise_projects: ["*"], scan_types: ["*"], actions: ["*"]}
  no-actions-key: {regions: ["*"], enterprise_projects: ["*"], hosts: ["*"], scan_types: ["*"]}
  empty-role: {}
  empty-lists: {regions: [], enterprise_projects: [], hosts: [], scan_types: [], actions: [], audit: read}
  only-regions: {regions: ["*"]}
  auditor:
    audit: read
`);

const web: ScanRequestFacts = {
  region: 'cn-north-4',
  enterpriseProjectId: 'ep-web',
  hostIds: ['host-web-1', 'host-web-2'],
  scanType: 'quick',
  action: 'manual',
};
const pair: ScanRequestFacts = { region: 'r', enterpriseProjectId: '0', hostIds: ['host-1'], scanType: 'quick', action: 'auto' };

describe('evaluate', () => {
  it.each<[string, string[], Partial<ScanRequestFacts>, string]>([
    ['one role allows all of it', ['web-scanner'], {}, 'web-scanner'],
    ['the default project "0"', ['web-scanner'], { enterpriseProjectId: '0' }, 'web-scanner'],
    ['a subset of the allowed hosts', ['web-scanner'], { hostIds: ['host-web-2'] }, 'web-scanner'],
    ['the first allowing role in caller order', ['ops-admin', 'web-scanner'], {}, 'ops-admin'],
    ['unknown roles beside a known one', ['nobody', 'web-scanner'], {}, 'web-scanner'],
    ['wildcards allow any value', ['ops-admin'], { region: 'eu-west-101', hostIds: ['h-9'], scanType: 'full', action: 'auto' }, 'ops-admin'],
    ['"*" allows all_granted_eps', ['ops-admin'], { enterpriseProjectId: 'all_granted_eps' }, 'ops-admin'],
    ['a listed enterprise project', ['listed-eps'], { enterpriseProjectId: 'ep-b' }, 'listed-eps'],
    ['role A covers every host', ['only-host-1', 'only-host-2'], { ...pair }, 'only-host-1'],
  ])('allows %s', (_case, roles, facts, role) => {
    expect(evaluate(policy, roles, { ...web, ...facts })).toEqual({ allow: true, role });
  });

  it.each<[string, string[], Partial<ScanRequestFacts>, string]>([
    ['a caller with no roles', [], {}, 'caller has no roles'],
    ['roles the policy does not know', ['a', 'b', 'a'], {}, 'no policy role for caller roles [a, b]'],
    ['prototype names as roles', ['constructor', '__proto__', 'toString'], {}, 'no policy role for caller roles [constructor, __proto__, toString]'],
    ['some hosts', ['web-scanner'], { hostIds: ['host-web-1', 'host-x', 'host-y'] }, 'role web-scanner: hosts not allowed: host-x, host-y'],
    ['a region', ['web-scanner'], { region: 'eu-west-101' }, 'role web-scanner: region eu-west-101 not allowed'],
    ['an enterprise project', ['web-scanner'], { enterpriseProjectId: 'ep-db' }, 'role web-scanner: enterprise project ep-db not allowed'],
    ['a scan type', ['web-scanner'], { scanType: 'full' }, 'role web-scanner: scan type full not allowed'],
    [
      'several parts at once',
      ['web-scanner'],
      { region: 'eu-west-101', action: 'auto', hostIds: ['host-x', 'host-x'] },
      'role web-scanner: region eu-west-101 not allowed; hosts not allowed: host-x; action auto not allowed',
    ],
    ['all_granted_eps with an explicit list', ['listed-eps'], { enterpriseProjectId: 'all_granted_eps' }, 'role listed-eps: enterprise project all_granted_eps not allowed'],
    ['all_granted_eps even for a role listing "0"', ['web-scanner'], { enterpriseProjectId: 'all_granted_eps' }, 'role web-scanner: enterprise project all_granted_eps not allowed'],
    ['a missing hosts key', ['no-hosts-key'], {}, 'role no-hosts-key: hosts not allowed: host-web-1, host-web-2'],
    ['a missing actions key', ['no-actions-key'], {}, 'role no-actions-key: action manual not allowed'],
    [
      'an empty role',
      ['empty-role'],
      {},
      'role empty-role: grants no scan tasks',
    ],
    ['a role that only reads the audit trail', ['auditor'], { hostIds: ['h'] }, 'role auditor: grants no scan tasks'],
    ['an audit-only role beside a scanning role', ['auditor', 'web-scanner'], { scanType: 'full' }, 'role auditor: grants no scan tasks | role web-scanner: scan type full not allowed'],
    [
      'a role whose every list is empty',
      ['empty-lists'],
      {},
      'role empty-lists: grants no scan tasks',
    ],
    [
      'a role that lacks only some keys',
      ['only-regions'],
      { hostIds: ['h'] },
      'role only-regions: enterprise project ep-web not allowed; hosts not allowed: h; scan type quick not allowed; action manual not allowed',
    ],
    ['no host ids at all, even under "*"', ['ops-admin'], { hostIds: [] }, 'role ops-admin: request names no hosts'],
    [
      'a union of two roles (never combined)',
      ['only-host-1', 'only-host-2'],
      { ...pair, hostIds: ['host-1', 'host-2'] },
      'role only-host-1: hosts not allowed: host-2 | role only-host-2: hosts not allowed: host-1',
    ],
    [
      'every role, each with its own reasons',
      ['web-scanner', 'listed-eps'],
      { enterpriseProjectId: 'all_granted_eps', scanType: 'full' },
      'role web-scanner: enterprise project all_granted_eps not allowed; scan type full not allowed | role listed-eps: enterprise project all_granted_eps not allowed',
    ],
  ])('denies %s', (_case, roles, facts, reason) => {
    expect(evaluate(policy, roles, { ...web, ...facts })).toEqual({ allow: false, reason });
  });

  it('compiles a hand-built policy and still refuses all_granted_eps from a list', () => {
    const handBuilt: Policy = { version: 'x', roles: { r: { regions: ['a'], enterprise_projects: ['all_granted_eps'], hosts: ['*'], scan_types: ['*'], actions: ['*'] } } };
    const facts = { region: 'a', enterpriseProjectId: 'all_granted_eps', hostIds: ['h'], scanType: 'full', action: 'auto' };
    expect(evaluate(handBuilt, ['r'], facts)).toEqual({ allow: false, reason: 'role r: enterprise project all_granted_eps not allowed' });
    expect(evaluate(handBuilt, ['r'], { ...facts, enterpriseProjectId: '0' })).toEqual({ allow: false, reason: 'role r: enterprise project 0 not allowed' });
  });
});

describe('denialSubjects', () => {
  it('names what each known role refuses', () => {
    expect(denialSubjects(policy, ['web-scanner', 'ghost', 'only-host-1'], { ...web, hostIds: ['host-web-1', 'host-1'] })).toEqual([
      { role: 'web-scanner', hosts: ['host-1'] },
      { role: 'only-host-1', region: 'cn-north-4', enterpriseProject: 'ep-web', hosts: ['host-web-1'], action: 'manual' },
    ]);
  });

  it('is empty when a role allows the request', () => {
    expect(denialSubjects(policy, ['only-host-1', 'web-scanner'], web)).toEqual([]);
  });
});

describe('canReadAudit', () => {
  it.each<[string[], boolean]>([
    [['auditor'], true],
    [['web-scanner', 'auditor'], true],
    [['ops-admin'], false],
    [['ghost', 'constructor'], false],
    [[], false],
  ])('%j -> %s', (roles, expected) => {
    expect(canReadAudit(policy, roles)).toBe(expected);
  });
});

describe('describeRoles', () => {
  it('lists each known caller role once, "*" kept, missing keys as []', () => {
    expect(describeRoles(policy, ['auditor', 'ghost', 'ops-admin', 'auditor', 'no-hosts-key'])).toEqual([
      { role: 'auditor', regions: [], enterprise_projects: [], hosts: [], scan_types: [], actions: [], audit: true },
      { role: 'ops-admin', regions: ['*'], enterprise_projects: ['*'], hosts: ['*'], scan_types: ['*'], actions: ['*'], audit: false },
      { role: 'no-hosts-key', regions: ['*'], enterprise_projects: ['*'], hosts: [], scan_types: ['*'], actions: ['*'], audit: false },
    ]);
  });

  it('returns copies the caller may change without touching the policy', () => {
    const [described] = describeRoles(policy, ['web-scanner']);
    described.hosts.push('host-evil');
    expect(evaluate(policy, ['web-scanner'], { ...web, hostIds: ['host-evil'] }).allow).toBe(false);
  });
});
