import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { AK, HOSTS_PATH, SK, TASKS_PATH, signedCall, taskBody } from './signed-call';

const WEB = `${TASKS_PATH}?enterprise_project_id=ep-web`;

describe('hss-sandbox fault injection', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }] });
  });
  afterEach(() => sandbox.reset());
  afterAll(() => sandbox.close());

  it('delays the normal reply by latencyMs', async () => {
    sandbox.inject({ latencyMs: 150, times: 1 });
    const started = Date.now();
    const res = await signedCall(sandbox, { path: WEB, body: taskBody() });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(res.json.result).toBe(true);
  });

  it('answers with the chosen status, body and headers', async () => {
    sandbox.inject({ status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled' }, headers: { 'Retry-After': '7' } });
    const res = await signedCall(sandbox, { path: WEB, body: taskBody() });
    expect(res.status).toBe(429);
    expect(res.json).toEqual({ error_code: 'APIGW.0308', error_msg: 'throttled' });
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(sandbox.tasks.size).toBe(0);
  });

  it('gives an injected status a default error body', async () => {
    sandbox.inject({ status: 503 });
    const res = await signedCall(sandbox, { path: HOSTS_PATH });
    expect(res.status).toBe(503);
    expect(res.json.error_code).toEqual(expect.any(String));
  });

  it('applies a fault only `times` times, then answers normally', async () => {
    sandbox.inject({ status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await signedCall(sandbox, { path: HOSTS_PATH })).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('applies a path-scoped fault to that path only', async () => {
    sandbox.inject({ status: 502, path: 'tasks' });
    expect((await signedCall(sandbox, { path: HOSTS_PATH })).status).toBe(200);
    expect((await signedCall(sandbox, { path: WEB, body: taskBody() })).status).toBe(502);
  });

  it('resets the connection without a reply', async () => {
    sandbox.inject({ reset: true, times: 1 });
    await expect(signedCall(sandbox, { path: WEB, body: taskBody() })).rejects.toThrow();
    expect(sandbox.calls).toHaveLength(1);
    expect((await signedCall(sandbox, { path: HOSTS_PATH })).status).toBe(200);
  });

  it('sends a non-JSON body', async () => {
    sandbox.inject({ rawBody: '<html>Bad Gateway</html>', status: 200, times: 1 });
    const res = await signedCall(sandbox, { path: WEB, body: taskBody() });
    expect(res.status).toBe(200);
    expect(res.text).toBe('<html>Bad Gateway</html>');
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('stops faults on clearFaults and on reset', async () => {
    sandbox.inject({ status: 500 });
    sandbox.clearFaults();
    expect((await signedCall(sandbox, { path: HOSTS_PATH })).status).toBe(200);
    sandbox.inject({ status: 500 });
    sandbox.reset();
    expect((await signedCall(sandbox, { path: HOSTS_PATH })).status).toBe(200);
    expect(sandbox.calls).toHaveLength(1);
  });

  it('closes promptly while a delayed reply is pending', async () => {
    const slow = await startSandbox({ credentials: [{ ak: AK, sk: SK }] });
    slow.inject({ latencyMs: 10_000 });
    const outcome = signedCall(slow, { path: HOSTS_PATH }).then(
      () => 'replied',
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.close();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await outcome).toBe('connection closed');
  });
});

describe('hss-sandbox history limit', () => {
  it('keeps only the most recent calls and tasks', async () => {
    const sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }], historyLimit: 2 });
    try {
      const created = [];
      for (let i = 0; i < 3; i++) {
        created.push((await signedCall(sandbox, { path: WEB, body: taskBody({ task_name: `t${i}` }) })).json.task_id);
      }
      expect(sandbox.calls.map((c) => JSON.parse(c.body).task_name)).toEqual(['t1', 't2']);
      expect([...sandbox.tasks.keys()]).toEqual(created.slice(1));
    } finally {
      await sandbox.close();
    }
  });
});
