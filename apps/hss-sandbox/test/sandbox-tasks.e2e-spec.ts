import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { AK, SK, TASKS_PATH, signedCall, taskBody } from './signed-call';

const WEB = `${TASKS_PATH}?enterprise_project_id=ep-web`;

describe('hss-sandbox CreateAntiVirusPaidTask', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }] });
  });
  afterEach(() => sandbox.reset());
  afterAll(() => sandbox.close());

  it('creates a task and stores it', async () => {
    const body = taskBody({ host_ids: ['host-web-1', 'host-web-2'], file_types: [1, 3], scan_dir: '/var/www;/opt', task_id: null });
    const res = await signedCall(sandbox, { path: WEB, body });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ task_id: expect.any(String), policy_id: expect.any(String), result: true, fail_reasons: [] });
    expect(sandbox.tasks.get(res.json.task_id as string)).toMatchObject({
      task_name: 'nightly web scan',
      enterprise_project_id: 'ep-web',
      host_ids: ['host-web-1', 'host-web-2'],
      file_types: [1, 3],
      scan_dir: '/var/www;/opt',
    });
  });

  it.each([
    [{ task_name: '' }, 'task_name'],
    [{ task_name: 'x'.repeat(256) }, 'task_name'],
    [{ task_name: undefined }, 'task_name'],
    [{ scan_type: 'deep' }, 'scan_type'],
    [{ action: 'later' }, 'action'],
    [{ host_ids: [] }, 'host_ids'],
    [{ host_ids: 'host-web-1' }, 'host_ids'],
    [{ host_ids: [''] }, 'host_ids'],
    [{ host_ids: ['host-web-1', 'host-web-1'] }, 'host_ids'],
    [{ file_types: [7] }, 'file_types'],
    [{ file_types: [1.5] }, 'file_types'],
    [{ scan_dir: 3 }, 'scan_dir'],
    [{ ignore_dir: ['/tmp'] }, 'ignore_dir'],
    [{ task_id: 42 }, 'task_id'],
  ])('rejects %j with 400 HSS.0001 naming %s', async (override, field) => {
    const res = await signedCall(sandbox, { path: WEB, body: taskBody(override) });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('HSS.0001');
    expect(res.json.error_msg).toContain(field);
    expect(sandbox.tasks.size).toBe(0);
  });

  it('rejects a body that is not JSON with 400 HSS.0002', async () => {
    const res = await signedCall(sandbox, { path: WEB, body: '{"task_name": ' });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('HSS.0002');
  });

  it('rejects a JSON body that is not an object with 400 HSS.0001', async () => {
    const res = await signedCall(sandbox, { path: WEB, body: '[1,2]' });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('HSS.0001');
  });

  it('reports unknown hosts per host when some are known', async () => {
    const res = await signedCall(sandbox, { path: WEB, body: taskBody({ host_ids: ['host-web-1', 'ghost-1'] }) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ result: false, fail_reasons: [{ host_id: 'ghost-1', reason: 'host not found' }] });
    expect(sandbox.tasks.get(res.json.task_id as string)).toMatchObject({ host_ids: ['host-web-1'] });
  });

  it('answers 400 HSS.0011 when no host is known', async () => {
    const res = await signedCall(sandbox, { path: WEB, body: taskBody({ host_ids: ['ghost-1', 'ghost-2'] }) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_code: 'HSS.0011', error_msg: 'host not found: ghost-1, ghost-2' });
  });

  it('treats hosts of another enterprise project as not found', async () => {
    const res = await signedCall(sandbox, { path: WEB, body: taskBody({ host_ids: ['host-web-1', 'host-db-1'] }) });
    expect(res.json).toMatchObject({ result: false, fail_reasons: [{ host_id: 'host-db-1', reason: 'host not found' }] });
    const all = await signedCall(sandbox, { path: TASKS_PATH, body: taskBody({ host_ids: ['host-web-1'] }) });
    expect(all.status).toBe(400);
    expect(all.json.error_code).toBe('HSS.0011');
  });

  it('defaults to the default enterprise project "0"', async () => {
    const res = await signedCall(sandbox, { path: TASKS_PATH, body: taskBody({ host_ids: ['host-default-1'] }) });
    expect(res.json.result).toBe(true);
  });

  it('sees every project with all_granted_eps', async () => {
    const res = await signedCall(sandbox, {
      path: `${TASKS_PATH}?enterprise_project_id=all_granted_eps`,
      body: taskBody({ host_ids: ['host-web-1', 'host-db-1', 'host-default-1'] }),
    });
    expect(res.json).toMatchObject({ result: true, fail_reasons: [] });
  });

  it('reports a host whose agent is offline', async () => {
    const res = await signedCall(sandbox, {
      path: `${TASKS_PATH}?enterprise_project_id=ep-db`,
      body: taskBody({ host_ids: ['host-db-1', 'host-db-2'] }),
    });
    expect(res.json).toMatchObject({ result: false, fail_reasons: [{ host_id: 'host-db-2', reason: 'agent offline' }] });
  });

  it('rescans an existing task under the same id', async () => {
    const first = await signedCall(sandbox, { path: WEB, body: taskBody() });
    const again = await signedCall(sandbox, { path: WEB, body: taskBody({ task_id: first.json.task_id, scan_type: 'full' }) });
    expect(again.status).toBe(200);
    expect(again.json.task_id).toBe(first.json.task_id);
    expect(sandbox.tasks.size).toBe(1);
    expect(sandbox.tasks.get(first.json.task_id as string)).toMatchObject({ scan_type: 'full' });
  });

  it('rejects a rescan of an unknown task with 400 HSS.0011', async () => {
    const res = await signedCall(sandbox, { path: WEB, body: taskBody({ task_id: 'no-such-task' }) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_code: 'HSS.0011', error_msg: 'task not found: no-such-task' });
  });

  it('rejects an empty enterprise_project_id', async () => {
    const res = await signedCall(sandbox, { path: `${TASKS_PATH}?enterprise_project_id=`, body: taskBody() });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('HSS.0001');
  });
});
