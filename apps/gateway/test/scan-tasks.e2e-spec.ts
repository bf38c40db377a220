import request from 'supertest';
import {
  TEST_AK, TEST_SK, eventsFor, mintToken, postScan, scanBody, scanTaskCalls, startTestGateway, unsignedToken, type TestGateway,
} from '@app/testing';

/** Every row of the contract's status table for POST /api/v1/antivirus/pay-per-scan/tasks, through a real socket and a real sandbox. */
describe('POST /api/v1/antivirus/pay-per-scan/tasks', () => {
  let gw: TestGateway;
  const seen: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    // No response, header or body ever carried the credentials.
    const all = seen.join('\n');
    expect(all).not.toContain(TEST_SK);
    expect(all).not.toContain(TEST_AK);
    await gw.close();
  });
  beforeEach(() => gw.sandbox.reset());

  async function call(...args: Parameters<typeof postScan> extends [string, ...infer R] ? R : never) {
    const res = await postScan(gw.url, ...args);
    seen.push(JSON.stringify(res.headers), res.text);
    return res;
  }

  async function expectFinal(requestId: string, status: number, phases: string[] = ['final']) {
    const events = await eventsFor(gw.url, requestId);
    expect(events.map((e) => e.phase)).toEqual(phases);
    expect(events.at(-1)!.status).toBe(status);
    return events;
  }

  describe('200', () => {
    it('forwards a signed request and passes the upstream body through', async () => {
      const res = await call({ headers: { 'X-Request-Id': 'caller-req-0001', Cookie: 'session=abc', 'X-Forwarded-Host': 'evil.example', 'X-Auth-Token': 'caller-token' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ task_id: expect.any(String), policy_id: expect.any(String), result: true, fail_reasons: [] });
      expect(res.headers['x-request-id']).toBe('caller-req-0001');
      expect(res.headers['x-upstream-request-id']).toMatch(/^[0-9a-f]{32}$/);

      expect(scanTaskCalls(gw.sandbox)).toHaveLength(1);
      const sent = scanTaskCalls(gw.sandbox)[0];
      expect(sent.url).toBe('/v5/proj-cn-north-4/antivirus/pay-per-scan/tasks?enterprise_project_id=ep-web');
      expect(JSON.parse(sent.body)).toEqual(scanBody());
      // Nothing the caller sent in headers reaches the upstream.
      const names = Object.keys(sent.headers).sort();
      expect(names).not.toEqual(expect.arrayContaining(['cookie']));
      for (const forbidden of ['cookie', 'x-forwarded-host', 'x-auth-token', 'x-request-id']) expect(names).not.toContain(forbidden);
      expect(String(sent.headers.authorization)).toMatch(/^SDK-HMAC-SHA256 Access=TESTAKGATEWAY0000001, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$/);
      expect(sent.headers['x-project-id']).toBe('proj-cn-north-4');

      const [forward, final] = await expectFinal('caller-req-0001', 200, ['forward', 'final']);
      expect(forward.status).toBeNull();
      expect(forward).toMatchObject({ decision: 'allow', actor: { sub: 'alice', roles: ['web-scanner'] }, target: { region: 'cn-north-4', project_id: 'proj-cn-north-4', enterprise_project_id: 'ep-web', host_ids: ['host-web-1'] } });
      expect(final.upstream).toEqual({ status: 200, request_id: res.headers['x-upstream-request-id'], duration_ms: expect.any(Number) });
      expect(final.request).toEqual(scanBody());
      expect(final.policy_version).toMatch(/^[0-9a-f]{64}$/);
    });

    it('uses the region header to pick a configured region and defaults the enterprise project to 0', async () => {
      const token = mintToken({ sub: 'olga', roles: ['ops-admin'] });
      const res = await call({ token, query: {}, headers: { region: 'eu-west-101' }, body: scanBody({ host_ids: ['host-default-1'] }) });
      expect(res.status).toBe(200);
      expect(scanTaskCalls(gw.sandbox)[0].url).toBe('/v5/proj-eu-west-101/antivirus/pay-per-scan/tasks?enterprise_project_id=0');
    });

    it('replaces a malformed caller request id', async () => {
      const res = await call({ headers: { 'X-Request-Id': 'bad id\twith spaces' } });
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sends only the validated fields, in the bytes it signed', async () => {
      const body = scanBody({ scan_type: 'custom', file_types: [0, 6], scan_dir: '/srv;/opt', ignore_dir: '/tmp', task_id: null });
      const res = await call({ body });
      expect(res.status).toBe(200);
      expect(JSON.parse(scanTaskCalls(gw.sandbox)[0].body)).toEqual(body);
    });
  });

  describe('400: nothing forwarded, audited with the reason', () => {
    const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
      ['missing task_name', { task_name: undefined }, /task_name/],
      ['empty task_name', { task_name: '' }, /task_name must be longer than or equal to 1/],
      ['256-character task_name', { task_name: 'x'.repeat(256) }, /task_name must be shorter than or equal to 255/],
      ['unknown scan_type', { scan_type: 'deep' }, /scan_type must be one of the following values: quick, full, custom/],
      ['unknown action', { action: 'delete' }, /action must be one of the following values: auto, manual/],
      ['missing host_ids', { host_ids: undefined }, /host_ids/],
      ['empty host_ids', { host_ids: [] }, /host_ids must contain at least 1 elements/],
      ['duplicate host_ids', { host_ids: ['host-web-1', 'host-web-1'] }, /host_ids's elements must be unique/],
      ['empty host id', { host_ids: [''] }, /each value in host_ids must be a non-empty string/],
      ['numeric host id', { host_ids: [1] }, /each value in host_ids must be a string/],
      ['file type 7', { file_types: [7] }, /each value in file_types must not be greater than 6/],
      ['file type -1', { file_types: [-1] }, /each value in file_types must not be less than 0/],
      ['file type as string (no coercion)', { file_types: ['1'] }, /each value in file_types must be an integer number/],
      ['numeric scan_dir', { scan_dir: 5 }, /scan_dir must be a string/],
      ['numeric task_id', { task_id: 5 }, /task_id must be a string/],
      ['unknown field', { priority: 'high' }, /property priority should not exist/],
    ];
    it.each(invalid)('%s', async (_name, overrides, message) => {
      const res = await call({ body: scanBody(overrides) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', request_id: res.headers['x-request-id'] });
      expect((res.body.message as string[]).join('\n')).toMatch(message);
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
      const [final] = await expectFinal(res.headers['x-request-id'], 400);
      expect(final.decision).toBeNull();
      expect(final.actor?.sub).toBe('alice');
      expect(final.reason).toMatch(message);
    });

    const malformed: Array<[string, string, RegExp]> = [
      ['malformed JSON', '{"task_name": ', /malformed JSON body/],
      ['a JSON array', JSON.stringify([scanBody()]), /request body must be a JSON object/],
      ['a JSON string', '"scan"', /request body must be a JSON object/],
      ['JSON null', 'null', /request body must be a JSON object/],
      ['an empty JSON body (every required field named)', '', /task_name must be a string.*host_ids must be an array/],
      ['a __proto__ key', '{"task_name":"t","scan_type":"quick","action":"manual","host_ids":["host-web-1"],"__proto__":{"admin":true}}', /forbidden key "__proto__"/],
      ['a nested constructor key', '{"task_name":"t","scan_type":"quick","action":"manual","host_ids":["host-web-1"],"x":{"constructor":{}}}', /forbidden key "constructor"/],
    ];
    it.each(malformed)('%s', async (_name, rawBody, message) => {
      const res = await call({ rawBody });
      expect(res.status).toBe(400);
      expect(String(res.body.message)).toMatch(message);
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
      await expectFinal(res.headers['x-request-id'], 400);
    });

    it('a body that is not JSON', async () => {
      const res = await call({ rawBody: 'task_name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('request body must be JSON (Content-Type: application/json)');
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
    });

    it.each([['unknown region', 'ap-southeast-1'], ['a host name as region', 'cn-north-4.evil.example'], ['a URL as region', 'http://127.0.0.1:1/']])(
      '%s in the region header never steers the upstream',
      async (_name, region) => {
        const res = await call({ headers: { region } });
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('region header must be one of the configured regions: cn-north-4, eu-west-101');
        expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
        await expectFinal(res.headers['x-request-id'], 400);
      },
    );

    it.each([
      ['a 257-character enterprise_project_id', { enterprise_project_id: 'e'.repeat(257) }, /enterprise_project_id must be shorter than or equal to 256/],
      ['an empty enterprise_project_id', { enterprise_project_id: '' }, /enterprise_project_id must be longer than or equal to 1/],
      ['an unknown query parameter', { enterprise_project_id: 'ep-web', project_id: 'other' }, /property project_id should not exist/],
    ])('%s', async (_name, query, message) => {
      const res = await call({ query });
      expect(res.status).toBe(400);
      expect((res.body.message as string[]).join('\n')).toMatch(message);
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
    });
  });

  describe('401: nothing forwarded, no actor', () => {
    it.each([
      ['no token', null, 'missing bearer token'],
      ['a forged token', mintToken({ secret: 'another-secret-of-the-right-length-000000' }), 'invalid token: invalid signature'],
      ['an expired token', mintToken({ expiresIn: -120 }), 'token expired'],
      ['an alg:none token', unsignedToken(), /^invalid token/],
      ['a token without sub', mintToken({ sub: '' }), 'invalid token'],
      ['garbage', 'not.a.jwt', /^invalid token/],
    ])('%s', async (_name, token, message) => {
      const res = await call({ token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', request_id: res.headers['x-request-id'] });
      expect(res.body.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
      const [final] = await expectFinal(res.headers['x-request-id'], 401);
      expect(final.reason).toBe(res.body.message);
      expect(final.actor).toBeNull();
      expect(final.decision).toBeNull();
    });

    it('authenticates before parsing: an anonymous malformed body is a 401', async () => {
      const res = await call({ token: null, rawBody: '{oops' });
      expect(res.status).toBe(401);
    });
  });

  describe('403: the policy denies, the message names what', () => {
    it.each([
      ['a host the role may not scan', {}, { body: scanBody({ host_ids: ['host-web-1', 'host-db-1', 'host-db-2'] }) }, 'role web-scanner: hosts not allowed: host-db-1, host-db-2'],
      ['a scan type and action', {}, { body: scanBody({ scan_type: 'full', action: 'auto' }) }, /scan type full not allowed.*action auto not allowed/],
      ['a region', {}, { headers: { region: 'eu-west-101' } }, 'role web-scanner: region eu-west-101 not allowed'],
      ['all_granted_eps without "*"', {}, { query: { enterprise_project_id: 'all_granted_eps' } }, /enterprise project all_granted_eps not allowed/],
      ['a role that grants no scans', { roles: ['auditor'] }, {}, 'role auditor: grants no scan tasks'],
      ['a role the policy does not know', { roles: ['intern'] }, {}, 'no policy role for caller roles [intern]'],
    ])('%s', async (_name, tokenOpts, extra, message) => {
      const res = await call({ token: mintToken(tokenOpts), ...extra });
      expect(res.status).toBe(403);
      expect(res.body.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
      const [final] = await expectFinal(res.headers['x-request-id'], 403);
      expect(final.decision).toBe('deny');
      expect(final.reason).toBe(res.body.message);
      expect(final.policy_version).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('upstream outcomes', () => {
    it("keeps the upstream's own 4xx with its error_code and error_msg", async () => {
      gw.sandbox.inject({ path: 'tasks', status: 400, body: { error_code: 'HSS.1002', error_msg: 'insufficient quota' }, times: 1 });
      const res = await call();
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error_code: 'HSS.1002', error_msg: 'insufficient quota' });
      expect(res.headers['x-upstream-request-id']).toMatch(/^[0-9a-f]{32}$/);
      const [, final] = await expectFinal(res.headers['x-request-id'], 400, ['forward', 'final']);
      expect(final.upstream?.status).toBe(400);
      expect(final.reason).toBe('upstream_client_error: HSS.1002');
    });

    it('a real HSS error from the sandbox (rescan of an unknown task) keeps its status and code', async () => {
      const res = await call({ token: mintToken({ roles: ['ops-admin'] }), body: scanBody({ task_id: 'no-such-task' }) });
      expect(res.status).toBe(400);
      expect(res.body.error_code).toBe('HSS.0011');
      expect(scanTaskCalls(gw.sandbox)).toHaveLength(1);
    });

    it.each([401, 403])('maps an upstream %i (our credentials rejected) to 502 without its details', async (status) => {
      gw.sandbox.inject({ path: 'tasks', status, body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }, times: 1 });
      const res = await call();
      expect(res.status).toBe(502);
      expect(res.body).toEqual({ statusCode: 502, error: 'Bad Gateway', message: "the upstream rejected the gateway's credentials", request_id: res.headers['x-request-id'] });
      await expectFinal(res.headers['x-request-id'], 502, ['forward', 'final']);
    });

    it('maps a real signature rejection (wrong SK) to 502', async () => {
      gw.sandbox.setCredentials([{ ak: TEST_AK, sk: 'a-different-secret-key-000000000000' }]);
      try {
        const res = await call();
        expect(res.status).toBe(502);
        expect(scanTaskCalls(gw.sandbox)).toHaveLength(1);
      } finally {
        gw.sandbox.setCredentials([{ ak: TEST_AK, sk: TEST_SK }]);
      }
    });

    it('passes an upstream 429 on with Retry-After', async () => {
      gw.sandbox.inject({ path: 'tasks', status: 429, headers: { 'Retry-After': '7' }, times: 1 });
      const res = await call();
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.body.error_code).toBe('APIGW.0308');
    });

    it.each([
      ['a 500', { status: 500 }],
      ['a 503', { status: 503 }],
      ['an unreadable reply', { rawBody: '<html>oops</html>' }],
      ['a reset connection', { reset: true }],
    ])('maps %s to 502', async (_name, fault) => {
      gw.sandbox.inject({ path: 'tasks', times: 1, ...fault });
      const res = await call();
      expect(res.status).toBe(502);
      expect(res.body.error_code).toBeUndefined();
      const [, final] = await expectFinal(res.headers['x-request-id'], 502, ['forward', 'final']);
      expect(final.reason).toMatch(/^upstream_/);
    });
  });

  it.each([
    ['/API/V1/antivirus/pay-per-scan/tasks'],
    ['/api/v1/antivirus/pay-per-scan/TASKS'],
  ])('answers only the exact path: %s is a 404, never forwarded', async (path) => {
    const res = await request(gw.url).post(`${path}?enterprise_project_id=ep-web`).set('Authorization', `Bearer ${mintToken()}`).send(scanBody());
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, request_id: res.headers['x-request-id'] });
    expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
  });

  it('a trailing slash is the same endpoint, audited like it', async () => {
    const res = await request(gw.url).post('/api/v1/antivirus/pay-per-scan/tasks/?enterprise_project_id=ep-web').set('Authorization', `Bearer ${mintToken()}`).send(scanBody({ scan_type: 'full' }));
    expect(res.status).toBe(403);
    await expectFinal(res.headers['x-request-id'], 403);
  });

  it('413: a body over 64 KiB', async () => {
    const res = await call({ body: scanBody({ task_name: 'x', scan_dir: 'd'.repeat(70 * 1024) }) });
    expect(res.status).toBe(413);
    expect(scanTaskCalls(gw.sandbox)).toHaveLength(0);
    await expectFinal(res.headers['x-request-id'], 413);
  });
});

describe('timeouts and the gateway rate limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { UPSTREAM_TIMEOUT_MS: '300', RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => gw.close());

  it('504 when the upstream does not answer within UPSTREAM_TIMEOUT_MS', async () => {
    gw.sandbox.inject({ path: 'tasks', latencyMs: 1500, times: 1 });
    const started = Date.now();
    const res = await postScan(gw.url);
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(1400);
    const [, final] = await eventsFor(gw.url, res.headers['x-request-id']);
    expect(final).toMatchObject({ phase: 'final', status: 504, upstream: { status: null } });
  });

  it('429 with Retry-After once a subject exceeds RATE_LIMIT_PER_MINUTE, per subject', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postScan(gw.url, { token: mintToken({ sub: 'rita' }) })).status);
    const limited = await postScan(gw.url, { token: mintToken({ sub: 'rita' }) });
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('rate limit exceeded: at most 3 requests per minute per caller');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const [final] = await eventsFor(gw.url, limited.headers['x-request-id']);
    expect(final).toMatchObject({ phase: 'final', status: 429, actor: { sub: 'rita' } });
    expect((await postScan(gw.url, { token: mintToken({ sub: 'sam' }) })).status).toBe(200);
  });
});
