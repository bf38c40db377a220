import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { RunningSandbox } from '@app/hss-sandbox';
import { hostListingCalls, mintToken, startInventorySandbox, startTestGateway, writePolicyFile, type TestGateway } from '@app/testing';

const PATH = '/api/v1/antivirus/scan-targets';

// Three differently scoped users over MULTI_EP_HOSTS (ep-web: web-1..3, ep-db: db-1..2, ep-pay: pay-1, 0: default-1).
const POLICY = `
roles:
  web-named:
    regions: [cn-north-4]
    enterprise_projects: [ep-web]
    hosts: [host-web-1, host-web-3, host-db-1]
    scan_types: [quick]
    actions: [manual]
  db-any:
    regions: [cn-north-4]
    enterprise_projects: [ep-db, "0"]
    hosts: ["*"]
    scan_types: [full, custom]
    actions: [auto]
  global-admin:
    regions: ["*"]
    enterprise_projects: ["*"]
    hosts: ["*"]
    scan_types: ["*"]
    actions: ["*"]
  auditor:
    audit: read
`;

interface Group {
  enterprise_project_id: string;
  enterprise_project_name: string | null;
  roles: string[];
  total_hosts: number;
  hosts: Array<{ host_id: string; roles: string[] } & Record<string, unknown>>;
}

/** enterprise project -> host ids, as a front end would render them. */
function hostsByEp(body: { enterprise_projects: Group[] }): Record<string, string[]> {
  return Object.fromEntries(body.enterprise_projects.map((g) => [g.enterprise_project_id, g.hosts.map((h) => h.host_id)]));
}

describe('GET /api/v1/antivirus/scan-targets', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let gw: TestGateway;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scan-targets-'));
    sandbox = await startInventorySandbox();
    gw = await startTestGateway({ sandbox, env: { POLICY_FILE: writePolicyFile(dir, POLICY) } });
  });
  afterAll(async () => {
    await gw.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => sandbox.reset());

  function get(sub: string, roles: string[], query: Record<string, string | number> = {}, headers: Record<string, string> = {}) {
    let req = request(gw.url).get(PATH).query(query).set('Authorization', `Bearer ${mintToken({ sub, roles })}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  }

  it('lists for an explicit-host user only the named hosts HSS lists in their enterprise project', async () => {
    const res = await get('alice', ['web-named']);
    expect(res.status).toBe(200);
    // host-db-1 is named by the role but lives in ep-db; host-web-2 lives in ep-web but is not named.
    expect(hostsByEp(res.body)).toEqual({ 'ep-web': ['host-web-1', 'host-web-3'] });
    expect(res.body).toMatchObject({
      subject: 'alice',
      region: 'cn-north-4',
      allowed: { regions: ['cn-north-4'], enterprise_projects: ['ep-web'], all_granted_eps: false, scan_types: ['quick'], actions: ['manual'] },
      total_hosts: 2,
      offset: 0,
      limit: 100,
    });
    expect(res.body.enterprise_projects[0]).toMatchObject({ enterprise_project_name: 'web', roles: ['web-named'], total_hosts: 2 });
    expect(res.body.enterprise_projects[0].hosts[1]).toEqual({
      host_id: 'host-web-3', host_name: 'srv-web-3', private_ip: '10.3.0.3', public_ip: '',
      agent_status: 'offline', protect_status: 'closed', os_type: 'Linux', roles: ['web-named'],
    });
    // Only the enterprise project the role allows was read from HSS.
    expect(hostListingCalls(sandbox).map((c) => c.url)).toEqual([expect.stringContaining('enterprise_project_id=ep-web&')]);
  });

  it('lists for a wildcard-host user every host of each allowed enterprise project', async () => {
    const res = await get('bob', ['db-any']);
    expect(res.status).toBe(200);
    expect(hostsByEp(res.body)).toEqual({ '0': ['host-default-1'], 'ep-db': ['host-db-1', 'host-db-2'] });
    expect(res.body.allowed).toMatchObject({ enterprise_projects: ['0', 'ep-db'], scan_types: ['full', 'custom'], actions: ['auto'] });
  });

  it('lists for an admin the whole inventory, grouped by enterprise project', async () => {
    const res = await get('carol', ['global-admin']);
    expect(res.status).toBe(200);
    expect(hostsByEp(res.body)).toEqual({
      '0': ['host-default-1'],
      'ep-db': ['host-db-1', 'host-db-2'],
      'ep-pay': ['host-pay-1'],
      'ep-web': ['host-web-1', 'host-web-2', 'host-web-3'],
    });
    expect(res.body.total_hosts).toBe(7);
    expect(res.body.allowed).toEqual({
      regions: ['cn-north-4', 'eu-west-101'],
      enterprise_projects: ['0', 'ep-db', 'ep-pay', 'ep-web'],
      all_granted_eps: true,
      scan_types: ['quick', 'full', 'custom'],
      actions: ['auto', 'manual'],
    });
  });

  it('shows per role what it allows and, per host, which roles allow it', async () => {
    const res = await get('dana', ['web-named', 'db-any', 'auditor']);
    expect(hostsByEp(res.body)).toEqual({ '0': ['host-default-1'], 'ep-db': ['host-db-1', 'host-db-2'], 'ep-web': ['host-web-1', 'host-web-3'] });
    expect(res.body.roles.map((r: { role: string; applies_in_region: boolean }) => [r.role, r.applies_in_region])).toEqual([
      ['web-named', true], ['db-any', true], ['auditor', false],
    ]);
    expect(res.body.roles[0]).toMatchObject({ hosts: ['host-web-1', 'host-web-3', 'host-db-1'], scan_types: ['quick'], audit: false });
    const db = res.body.enterprise_projects.find((g: Group) => g.enterprise_project_id === 'ep-db');
    // db-any alone allows host-db-1 here: web-named names it but does not allow ep-db (roles never combine).
    expect(db.roles).toEqual(['db-any']);
    expect(db.hosts[0].roles).toEqual(['db-any']);
  });

  it('lists nothing for a user whose roles grant no scan, and reads no inventory', async () => {
    const res = await get('audrey', ['auditor']);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enterprise_projects: [], total_hosts: 0, allowed: { regions: [], enterprise_projects: [], scan_types: [], actions: [] } });
    expect(sandbox.calls).toHaveLength(0);
  });

  it('answers for the region in the header', async () => {
    const alice = await get('alice', ['web-named'], {}, { region: 'eu-west-101' });
    expect(alice.status).toBe(200);
    expect(alice.body).toMatchObject({ region: 'eu-west-101', enterprise_projects: [], allowed: { regions: ['cn-north-4'] } });
    const carol = await get('carol', ['global-admin'], {}, { region: 'eu-west-101' });
    expect(carol.body.total_hosts).toBe(7);
    expect(hostListingCalls(sandbox)[0].url).toMatch(/^\/v5\/proj-eu-west-101\//);

    const bad = await get('carol', ['global-admin'], {}, { region: 'ap-southeast-1' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('region header must be one of the configured regions: cn-north-4, eu-west-101');
  });

  it('restricts to enterprise_project_id, and reads nothing for one the roles do not allow', async () => {
    expect(hostsByEp((await get('carol', ['global-admin'], { enterprise_project_id: 'ep-db' })).body)).toEqual({ 'ep-db': ['host-db-1', 'host-db-2'] });
    sandbox.reset();
    const denied = await get('alice', ['web-named'], { enterprise_project_id: 'ep-db' });
    expect(denied.status).toBe(200);
    expect(denied.body.enterprise_projects).toEqual([]);
    expect(sandbox.calls).toHaveLength(0);

    const all = await get('dana', ['web-named', 'global-admin'], { enterprise_project_id: 'all_granted_eps' });
    expect(all.body.total_hosts).toBe(7);
    expect(all.body.enterprise_projects.every((g: Group) => g.roles.join() === 'global-admin')).toBe(true);
  });

  it('filters by host_name and ip, and pages across enterprise projects', async () => {
    expect(hostsByEp((await get('carol', ['global-admin'], { host_name: 'WEB' })).body)).toEqual({
      '0': [], 'ep-db': [], 'ep-pay': [], 'ep-web': ['host-web-1', 'host-web-2', 'host-web-3'],
    });
    expect(hostsByEp((await get('carol', ['global-admin'], { ip: '94.74.0.' })).body)).toEqual({
      '0': [], 'ep-db': ['host-db-1'], 'ep-pay': ['host-pay-1'], 'ep-web': ['host-web-2'],
    });
    const page = await get('carol', ['global-admin'], { offset: 2, limit: 3 });
    expect(hostsByEp(page.body)).toEqual({ '0': [], 'ep-db': ['host-db-2'], 'ep-pay': ['host-pay-1'], 'ep-web': ['host-web-1'] });
    expect(page.body).toMatchObject({ total_hosts: 7, offset: 2, limit: 3 });
  });

  it.each([
    [{ limit: 0 }, /limit must not be less than 1/],
    [{ limit: 501 }, /limit must not be greater than 500/],
    [{ offset: -1 }, /offset must not be less than 0/],
    [{ enterprise_project_id: '' }, /enterprise_project_id must be longer than or equal to 1/],
    [{ hosts: 'x' }, /property hosts should not exist/],
  ])('rejects the query %j with 400', async (query, message) => {
    const res = await get('carol', ['global-admin'], query);
    expect(res.status).toBe(400);
    expect((res.body.message as string[]).join('\n')).toMatch(message);
  });

  it('needs a token', async () => {
    expect((await request(gw.url).get(PATH)).status).toBe(401);
  });

  it('answers 503 when the inventory cannot be read', async () => {
    sandbox.inject({ path: 'hosts', status: 500 });
    const res = await get('erin', ['db-any'], {}, { region: 'eu-west-101' });
    sandbox.clearFaults();
    // db-any has no role in eu-west-101, so nothing needed reading; the admin's listing does.
    expect(res.status).toBe(200);
    sandbox.inject({ path: 'hosts', status: 500 });
    const admin = await get('carol', ['global-admin'], { enterprise_project_id: 'ep-pay' }, { region: 'eu-west-101' });
    expect(admin.status).toBe(503);
    expect(admin.body).toMatchObject({ statusCode: 503, message: 'the HSS host inventory is unavailable; try again later' });
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await request(gw.url).get('/docs-json')).body;
    const op = doc.paths[PATH].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['enterprise_project_id', 'host_name', 'ip', 'limit', 'offset', 'region']);
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ScanTargetsDto');
    expect(Object.keys(doc.components.schemas.ScanTargetGroupDto.properties)).toEqual(['enterprise_project_id', 'enterprise_project_name', 'roles', 'total_hosts', 'hosts']);
  });
});
