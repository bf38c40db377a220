import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_DENY, EXIT_ERROR, EXIT_OK, runPolicyCli } from './policy-cli';

const POLICY = `roles:
  web-scanner:
    regions: [cn-north-4]
    enterprise_projects: ["0", ep-web]
    hosts: [host-web-1, host-web-2]
    scan_types: [quick, custom]
    actions: [manual]
  auditor:
    audit: read
`;

describe('policy CLI', () => {
  let dir: string;
  let policyFile: string;
  let bodyFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
    policyFile = join(dir, 'policy.yaml');
    bodyFile = join(dir, 'req.json');
    writeFileSync(policyFile, POLICY);
    writeBody({ task_name: 't', scan_type: 'quick', action: 'manual', host_ids: ['host-web-1'] });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeBody(body: unknown): void {
    writeFileSync(bodyFile, typeof body === 'string' ? body : JSON.stringify(body));
  }

  function run(argv: string[], env: Record<string, string> = {}): { code: number; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const code = runPolicyCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
    return { code, out, err };
  }

  const explain = (...extra: string[]): string[] => ['explain', '--policy', policyFile, '--body', bodyFile, '--region', 'cn-north-4', ...extra];

  describe('check', () => {
    it('prints the file, the sha256 of its bytes and the role count', () => {
      const version = createHash('sha256').update(readFileSync(policyFile)).digest('hex');
      expect(run(['check', policyFile])).toEqual({ code: EXIT_OK, out: [`ok ${policyFile} sha256=${version} roles=2`], err: [] });
    });

    it('defaults to POLICY_FILE', () => {
      expect(run(['check'], { POLICY_FILE: policyFile }).out[0]).toMatch(new RegExp(`^ok ${policyFile} sha256=[0-9a-f]{64} roles=2$`));
    });

    it('prints the PolicyError and exits 1 for an invalid file', () => {
      writeFileSync(policyFile, 'roles:\n  web:\n    scan_types: [deep]\n');
      expect(run(['check', policyFile])).toEqual({
        code: EXIT_ERROR,
        out: [],
        err: [`${policyFile}: roles.web.scan_types[0]: must be one of quick, full, custom or * (line 3)`],
      });
    });

    it('exits 1 for a missing file', () => {
      const missing = join(dir, 'nope.yaml');
      expect(run(['check', missing])).toEqual({ code: EXIT_ERROR, out: [], err: [`${missing}: cannot read the policy file (ENOENT)`] });
    });
  });

  describe('explain', () => {
    it('allows, naming the role, and exits 0', () => {
      expect(run(explain('--roles', 'auditor,web-scanner'))).toEqual({ code: EXIT_OK, out: ['allow (role web-scanner)'], err: [] });
    });

    it('treats an absent enterprise project as "0"', () => {
      expect(run(explain('--roles', 'web-scanner')).code).toBe(EXIT_OK);
      expect(run(explain('--roles', 'web-scanner', '--enterprise-project', 'ep-db')).out).toEqual([
        'deny: role web-scanner: enterprise project ep-db not allowed',
      ]);
    });

    it('denies with the reason and exits 3', () => {
      writeBody({ scan_type: 'full', action: 'manual', host_ids: ['host-web-1', 'host-x'] });
      expect(run(explain('--roles', 'web-scanner, ghost', '--enterprise-project', 'ep-web'))).toEqual({
        code: EXIT_DENY,
        out: ['deny: role web-scanner: hosts not allowed: host-x; scan type full not allowed'],
        err: [],
      });
    });

    it('denies roles the policy does not know', () => {
      expect(run(explain('--roles', 'ghost')).out).toEqual(['deny: no policy role for caller roles [ghost]']);
    });

    it('reads the policy from POLICY_FILE when --policy is absent', () => {
      const argv = ['explain', '--body', bodyFile, '--region', 'cn-north-4', '--roles', 'web-scanner'];
      expect(run(argv, { POLICY_FILE: policyFile }).out).toEqual(['allow (role web-scanner)']);
    });

    it.each<[string, string[], string]>([
      ['no --roles', [], '--roles is required'],
      ['an unknown option', ['--roles', 'a', '--role', 'b'], "Unknown option '--role'"],
    ])('is a usage error with %s', (_case, extra, message) => {
      const result = run(explain(...extra));
      expect(result.code).toBe(EXIT_ERROR);
      expect(result.err[0]).toContain(message);
      expect(result.err[0]).toContain('usage:');
    });

    it.each<[string, unknown, string]>([
      ['invalid JSON', '{', 'cannot read the request body (not valid JSON)'],
      ['no host_ids', { scan_type: 'quick', action: 'manual' }, 'host_ids must be a list of strings'],
      ['a number host id', { scan_type: 'quick', action: 'manual', host_ids: [1] }, 'host_ids must be a list of strings'],
      ['no scan_type', { action: 'manual', host_ids: ['h'] }, 'scan_type must be a string'],
      ['no action', { scan_type: 'quick', host_ids: ['h'] }, 'action must be a string'],
      ['a list body', [], 'host_ids must be a list of strings'],
    ])('is a usage error for a body with %s', (_case, body, message) => {
      writeBody(body);
      const result = run(explain('--roles', 'web-scanner'));
      expect(result.code).toBe(EXIT_ERROR);
      expect(result.err[0]).toContain(`${bodyFile}: ${message}`);
    });

    it('exits 1 when the policy is invalid', () => {
      writeFileSync(policyFile, 'roles: []\n');
      expect(run(explain('--roles', 'web-scanner'))).toEqual({
        code: EXIT_ERROR,
        out: [],
        err: [`${policyFile}: roles: must be a mapping of role names (use {} for none) (line 1)`],
      });
    });
  });

  it.each([[[]], [['frobnicate']]])('is a usage error without a known command: %j', (argv) => {
    const result = run(argv);
    expect(result.code).toBe(EXIT_ERROR);
    expect(result.err[0]).toMatch(/^(missing command|unknown command frobnicate)\nusage:/);
  });
});
