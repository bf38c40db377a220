import type { HostItem } from '@app/huawei-cloud';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { AK, HOSTS_PATH, SK, signedCall } from './signed-call';

function ids(json: Record<string, unknown>): string[] {
  return (json.data_list as HostItem[]).map((h) => h.host_id);
}

describe('hss-sandbox ListHostStatus on the demo inventory', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }] });
  });
  afterAll(() => sandbox.close());

  it('lists the default enterprise project when none is given', async () => {
    const res = await signedCall(sandbox, { path: HOSTS_PATH });
    expect(res.status).toBe(200);
    expect(res.json.total_num).toBe(1);
    expect(ids(res.json)).toEqual(['host-default-1']);
  });

  it.each([
    ['ep-web', ['host-web-1', 'host-web-2']],
    ['ep-db', ['host-db-1', 'host-db-2']],
    ['all_granted_eps', ['host-web-1', 'host-web-2', 'host-db-1', 'host-db-2', 'host-default-1']],
    ['ep-none', []],
  ])('filters by enterprise_project_id=%s', async (ep, expected) => {
    const res = await signedCall(sandbox, { path: `${HOSTS_PATH}?enterprise_project_id=${ep}` });
    expect(ids(res.json)).toEqual(expected);
    expect(res.json.total_num).toBe(expected.length);
  });

  it('filters by host_id exactly and host_name / private_ip by substring', async () => {
    const all = `${HOSTS_PATH}?enterprise_project_id=all_granted_eps`;
    expect(ids((await signedCall(sandbox, { path: `${all}&host_id=host-db-1` })).json)).toEqual(['host-db-1']);
    expect(ids((await signedCall(sandbox, { path: `${all}&host_id=host-db` })).json)).toEqual([]);
    expect(ids((await signedCall(sandbox, { path: `${all}&host_name=frontend` })).json)).toEqual(['host-web-1', 'host-web-2']);
    expect(ids((await signedCall(sandbox, { path: `${all}&private_ip=192.168.20.` })).json)).toEqual(['host-db-1', 'host-db-2']);
  });

  it.each(['limit=9', 'limit=201', 'limit=abc', 'offset=-1', 'offset=1.5'])('rejects %s with 400 HSS.0001', async (q) => {
    const res = await signedCall(sandbox, { path: `${HOSTS_PATH}?${q}` });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('HSS.0001');
    expect(res.json.error_msg).toContain(q.split('=')[0]);
  });
});

describe('hss-sandbox ListHostStatus paging', () => {
  const hosts: HostItem[] = Array.from({ length: 25 }, (_, i) => ({ host_id: `h-${String(i).padStart(2, '0')}`, enterprise_project_id: '0' }));
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }], hosts });
  });
  afterAll(() => sandbox.close());

  it('returns 10 items by default with the full total', async () => {
    const res = await signedCall(sandbox, { path: HOSTS_PATH });
    expect(res.json.total_num).toBe(25);
    expect(ids(res.json)).toEqual(hosts.slice(0, 10).map((h) => h.host_id));
  });

  it('pages with offset and limit', async () => {
    const res = await signedCall(sandbox, { path: `${HOSTS_PATH}?offset=20&limit=10` });
    expect(ids(res.json)).toEqual(['h-20', 'h-21', 'h-22', 'h-23', 'h-24']);
    const wide = await signedCall(sandbox, { path: `${HOSTS_PATH}?offset=5&limit=200` });
    expect(ids(wide.json)).toHaveLength(20);
    const past = await signedCall(sandbox, { path: `${HOSTS_PATH}?offset=100` });
    expect(past.json).toEqual({ total_num: 25, data_list: [] });
  });
});
