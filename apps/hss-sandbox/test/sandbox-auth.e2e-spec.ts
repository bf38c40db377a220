import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { AK, HOSTS_PATH, PROJECT_ID, SK, TASKS_PATH, signedCall, taskBody } from './signed-call';

describe('hss-sandbox authentication (APIG)', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }] });
  });
  afterEach(() => sandbox.reset());
  afterAll(() => sandbox.close());

  function expectApig401(res: { status: number; headers: Headers; json: Record<string, unknown>; text: string }): void {
    expect(res.status).toBe(401);
    expect(res.json.error_code).toBe('APIGW.0301');
    expect(res.json.error_msg).toMatch(/^Incorrect IAM authentication information: /);
    expect(res.json.request_id).toBe(res.headers.get('x-request-id'));
    expect(res.text).not.toContain(SK);
    expect(res.text).not.toContain(AK);
  }

  it('accepts a correctly signed request and answers with a 32-hex X-Request-Id and JSON', async () => {
    const res = await signedCall(sandbox, { path: `${TASKS_PATH}?enterprise_project_id=ep-web`, body: taskBody() });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('gives every response a different request id', async () => {
    const a = await signedCall(sandbox, { path: HOSTS_PATH });
    const b = await signedCall(sandbox, { path: HOSTS_PATH });
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('rejects a request without Authorization', async () => {
    const res = await signedCall(sandbox, { path: HOSTS_PATH, mutate: (h) => delete h.Authorization });
    expectApig401(res);
  });

  it('rejects a malformed Authorization header', async () => {
    const res = await signedCall(sandbox, { path: HOSTS_PATH, mutate: (h) => (h.Authorization = 'Basic Zm9vOmJhcg==') });
    expectApig401(res);
  });

  it('rejects an unknown access key', async () => {
    expectApig401(await signedCall(sandbox, { path: HOSTS_PATH, ak: 'SOMEOTHERAK', sk: SK }));
  });

  it('rejects a signature made with the wrong secret key', async () => {
    expectApig401(await signedCall(sandbox, { path: HOSTS_PATH, sk: 'not-the-secret' }));
  });

  it('rejects a body changed after signing', async () => {
    const signedBody = taskBody();
    const res = await signedCall(sandbox, {
      path: TASKS_PATH,
      body: signedBody,
      sentBody: JSON.stringify({ ...signedBody, host_ids: ['host-db-1'] }),
    });
    expectApig401(res);
    expect(res.json.error_msg).toContain('signature');
    expect(sandbox.tasks.size).toBe(0);
  });

  it('rejects a query changed after signing', async () => {
    const res = await signedCall(sandbox, {
      path: `${HOSTS_PATH}?enterprise_project_id=ep-web`,
      sentPath: `${HOSTS_PATH}?enterprise_project_id=all_granted_eps`,
    });
    expectApig401(res);
  });

  it('rejects an X-Sdk-Date more than 15 minutes old, naming the date', async () => {
    const res = await signedCall(sandbox, { path: HOSTS_PATH, now: new Date(Date.now() - 16 * 60 * 1000) });
    expectApig401(res);
    expect(res.json.error_msg).toMatch(/X-Sdk-Date \d{8}T\d{6}Z/);
    expect(res.json.error_msg).toMatch(/expired/);
  });

  it('accepts an X-Sdk-Date 14 minutes off', async () => {
    const res = await signedCall(sandbox, { path: HOSTS_PATH, now: new Date(Date.now() + 14 * 60 * 1000) });
    expect(res.status).toBe(200);
  });

  it('rejects an X-Project-Id that differs from the path project', async () => {
    expectApig401(await signedCall(sandbox, { path: HOSTS_PATH, projectHeader: 'another-project' }));
    expectApig401(await signedCall(sandbox, { path: HOSTS_PATH, projectHeader: null }));
  });

  it('checks the signature before the route: an unsigned request to an unknown path is 401', async () => {
    expectApig401(await signedCall(sandbox, { path: '/v5/x/nothing', mutate: (h) => delete h.Authorization }));
  });

  it('answers an unpublished API with 404 APIGW.0101', async () => {
    for (const [method, path] of [
      ['GET', '/v5/x/nothing'],
      ['GET', TASKS_PATH],
      ['DELETE', HOSTS_PATH],
    ]) {
      const res = await signedCall(sandbox, { method, path });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        error_code: 'APIGW.0101',
        error_msg: 'The API does not exist or has not been published in the environment',
        request_id: res.headers.get('x-request-id'),
      });
    }
  });

  it('swaps accepted credentials with setCredentials', async () => {
    sandbox.setCredentials([{ ak: 'ROTATEDAK', sk: 'rotated-secret' }]);
    try {
      expectApig401(await signedCall(sandbox, { path: HOSTS_PATH }));
      const res = await signedCall(sandbox, { path: HOSTS_PATH, ak: 'ROTATEDAK', sk: 'rotated-secret' });
      expect(res.status).toBe(200);
    } finally {
      sandbox.setCredentials([{ ak: AK, sk: SK }]);
    }
  });

  it('records every call, rejected ones included', async () => {
    await signedCall(sandbox, { path: HOSTS_PATH, sk: 'wrong' });
    await signedCall(sandbox, { path: TASKS_PATH, body: taskBody() });
    expect(sandbox.calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', HOSTS_PATH],
      ['POST', TASKS_PATH],
    ]);
    const post = sandbox.calls[1];
    expect(JSON.parse(post.body)).toEqual(taskBody());
    expect(post.headers['x-project-id']).toBe(PROJECT_ID);
    expect(post.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=/);
    expect(post.time).toBeInstanceOf(Date);
  });
});

describe('hss-sandbox project restriction', () => {
  it('answers 404 HSS.0011 for a project id it does not serve', async () => {
    const sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }], projectIds: ['some-other-project'] });
    try {
      const res = await signedCall(sandbox, { path: HOSTS_PATH });
      expect(res.status).toBe(404);
      expect(res.json.error_code).toBe('HSS.0011');
    } finally {
      await sandbox.close();
    }
  });

  it('uses the injected clock for the skew check', async () => {
    const frozen = new Date('2026-01-15T10:00:00Z');
    const sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }], now: () => frozen });
    try {
      expect((await signedCall(sandbox, { path: HOSTS_PATH, now: new Date('2026-01-15T10:10:00Z') })).status).toBe(200);
      expect((await signedCall(sandbox, { path: HOSTS_PATH })).status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });
});
