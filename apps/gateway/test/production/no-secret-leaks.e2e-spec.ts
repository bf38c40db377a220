import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import {
  DEMO_POLICY, TEST_JWT_SECRET, buildGateway, eventually, freePort, leakedSecrets, mintToken, postScan, runBuiltGatewayToExit, scanBody,
  scanTaskCalls, sqliteFileBytes, startBuiltGateway, unsignedToken, type BuiltGateway,
} from '@app/testing';

const AK = 'AKCANARY7Q2W3E4R5T6Y';
const SK = 'sk-canary-Zx81kQ0pLm3vNb6cXr4tYw9u';
const TOKEN = 'sts-canary-Hd72Ks01Lq93Mz55Pw17Rt39Vn';
const SK2 = 'sk-canary-rotated-Gg41Bb62Nn83Jj04Kk';
const BEARER = mintToken({ sub: 'alice', roles: ['web-scanner'] });
const AUDITOR = mintToken({ sub: 'audrey', roles: ['auditor'] });
const FORGED = mintToken({ sub: 'mallory', roles: ['ops-admin'], secret: 'forged-secret-forged-secret-forged-0123' });
const EXPIRED = jwt.sign({ sub: 'alice', roles: ['web-scanner'], exp: Math.floor(Date.now() / 1000) - 3600 }, TEST_JWT_SECRET);
const NONE = unsignedToken();
const jwtSignature = (token: string) => token.split('.')[2];

/** Every value that must never be written anywhere: keys, tokens, and each token's signature on its own. */
const SECRETS: Record<string, string> = {
  AK, SK, TOKEN, SK2, AUTH_JWT_SECRET: TEST_JWT_SECRET,
  BEARER, AUDITOR, FORGED, EXPIRED, NONE,
  BEARER_SIG: jwtSignature(BEARER), AUDITOR_SIG: jwtSignature(AUDITOR), FORGED_SIG: jwtSignature(FORGED), EXPIRED_SIG: jwtSignature(EXPIRED),
};

interface LogLine {
  level: number | string;
  msg: string;
  context?: string;
  request_id?: string;
  req?: { id: string };
}

/**
 * The built gateway, as production runs it, at LOG_LEVEL=debug: known credentials and
 * bearer tokens go through start-up, success, every error, policy and credential reloads,
 * a refused start-up and shutdown; nothing the process writes, nor the audit database,
 * may contain any of them. Also checks the JSON log lines carry request ids.
 */
describe('no secret in anything the process writes (built gateway)', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let gw: BuiltGateway;
  let main: string;
  const refusedOutput: string[] = [];
  const file = (name: string) => join(dir, name);
  function replace(name: string, value: string): void {
    writeFileSync(file(`${name}.tmp`), value);
    renameSync(file(`${name}.tmp`), file(name));
  }
  const lines = (): LogLine[] => gw.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);

  beforeAll(async () => {
    main = buildGateway();
    dir = mkdtempSync(join(tmpdir(), 'gateway-leaks-'));
    replace('ak', `${AK}\n`);
    replace('sk', `${SK}\n`);
    replace('token', `${TOKEN}\n`);
    copyFileSync(DEMO_POLICY, file('policy.yaml'));
    sandbox = await startSandbox({ credentials: [{ ak: AK, sk: SK }] });
    gw = await startBuiltGateway(main, {
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      CLOUD_SDK_AK_FILE: file('ak'),
      CLOUD_SDK_SK_FILE: file('sk'),
      CLOUD_SDK_SECURITY_TOKEN_FILE: file('token'),
      HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=proj-cn-north-4,eu-west-101=proj-eu-west-101',
      HSS_ENDPOINT: sandbox.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      POLICY_FILE: file('policy.yaml'),
      AUDIT_DB: `sqlite:${file('audit.db')}`,
      UPSTREAM_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'debug',
    });
  }, 60_000);
  afterAll(async () => {
    if (gw.child.exitCode === null) gw.child.kill('SIGKILL');
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('success and every error path answer as the contract says', async () => {
    const scan = (call: Parameters<typeof postScan>[1] = {}) => postScan(gw.url, { token: BEARER, ...call });
    const expectStatus = async (status: number, call: Parameters<typeof postScan>[1] = {}) => expect((await scan(call)).status).toBe(status);

    await expectStatus(200, { headers: { 'X-Request-Id': 'canary-success-0001' } });
    await expectStatus(200, { headers: { 'X-Auth-Token': BEARER, Cookie: `session=${BEARER}` } });
    await expectStatus(400, { body: scanBody({ scan_type: 'deep' }) });
    await expectStatus(400, { rawBody: '{"task_name": ' });
    await expectStatus(413, { rawBody: JSON.stringify(scanBody({ task_name: 'x'.repeat(70 * 1024) })) });
    for (const token of [FORGED, EXPIRED, NONE, null]) await expectStatus(401, { token });
    await expectStatus(401, { token: null, headers: { Authorization: `Basic ${Buffer.from(`${AK}:${SK}`).toString('base64')}` } });
    await expectStatus(403, { body: scanBody({ scan_type: 'full' }) });

    sandbox.inject({ times: 1, status: 400, body: { error_code: 'HSS.1001', error_msg: 'host not protected' } });
    await expectStatus(400);
    for (const fault of [{ status: 401 }, { status: 403 }, { status: 500 }, { reset: true }, { rawBody: 'not json' }]) {
      sandbox.inject({ times: 1, ...fault });
      await expectStatus(502);
    }
    sandbox.inject({ times: 1, status: 429, headers: { 'Retry-After': '7' } });
    await expectStatus(429);
    sandbox.inject({ times: 1, latencyMs: 1500 });
    await expectStatus(504);

    const audit = await fetch(`${gw.url}/api/v1/audit/events?limit=5`, { headers: { authorization: `Bearer ${AUDITOR}` } });
    expect(audit.status).toBe(200);
    const exported = await fetch(`${gw.url}/api/v1/audit/export?format=csv`, { headers: { authorization: `Bearer ${AUDITOR}` } });
    expect(leakedSecrets(await exported.text(), SECRETS)).toEqual([]);
    expect((await fetch(`${gw.url}/api/v1/audit/events`, { headers: { authorization: `Bearer ${BEARER}` } })).status).toBe(403);
    for (const path of ['/health/ready', '/metrics', '/docs-json', '/no-such-route']) {
      expect(leakedSecrets(await (await fetch(`${gw.url}${path}`)).text(), SECRETS)).toEqual([]);
    }
  });

  it('policy and credential reloads, good and bad, and a real SIGHUP that does not stop the process', async () => {
    replace('policy.yaml', 'roles:\n  web-scanner:\n    regions: [cn-north-4]\n    enterprise_projects: [ep-web]\n    hosts: ["*"]\n    scan_types: ["*"]\n    actions: ["*"]\n  auditor:\n    audit: read\n');
    await eventually(() => lines().some((l) => l.msg === 'policy reloaded'), 8000, 100);
    replace('policy.yaml', `roles:\n  web-scanner:\n    hosts: [${SK}\n`);
    await eventually(() => lines().some((l) => l.msg.includes('policy reload failed')), 8000, 100);
    gw.child.kill('SIGHUP');
    await eventually(() => lines().filter((l) => l.msg.includes('policy reload failed')).length >= 2, 3000, 50);
    expect((await postScan(gw.url, { token: BEARER, body: scanBody({ scan_type: 'full' }) })).status).toBe(200);

    replace('sk', `${SK2}\n`);
    sandbox.setCredentials([{ ak: AK, sk: SK2 }]);
    await eventually(async () => (await postScan(gw.url, { token: BEARER })).status === 200, 8000, 200);
    replace('sk', '');
    await eventually(() => lines().some((l) => l.msg.includes('credentials reload failed')), 8000, 100);
    expect((await postScan(gw.url, { token: BEARER })).status).toBe(200);
  });

  it('a refused start-up names the problem and none of the secrets', async () => {
    const env = { NODE_ENV: 'production', PORT: String(await freePort()), CLOUD_SDK_AK: AK, CLOUD_SDK_SK: SK, CLOUD_SDK_SECURITY_TOKEN: TOKEN, AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'debug' };
    const noProjects = await runBuiltGatewayToExit(main, env);
    expect(noProjects.code).toBe(1);
    expect(noProjects.stderr).toContain('HUAWEICLOUD_PROJECT_IDS');
    writeFileSync(file('bad-policy.yaml'), 'roles:\n  web-scanner:\n    scan_types: [deep]\n');
    const badPolicy = await runBuiltGatewayToExit(main, {
      ...env, HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=p', POLICY_FILE: file('bad-policy.yaml'), AUDIT_DB: `sqlite:${file('refused.db')}`,
    });
    expect(badPolicy.code).toBe(1);
    expect(badPolicy.stderr).toMatch(/refusing to start: .*bad-policy\.yaml.*scan_types/);
    refusedOutput.push(noProjects.stdout, noProjects.stderr, badPolicy.stdout, badPolicy.stderr);
  });

  it('after SIGTERM, neither stdout, stderr nor the audit database holds a secret or a request signature', async () => {
    gw.child.kill('SIGTERM');
    expect(await gw.exited).toBe(0);
    const signatures = Object.fromEntries(
      scanTaskCalls(sandbox).map((c, i) => [`SIGNATURE_${i}`, /Signature=([0-9a-f]+)/.exec(String(c.headers.authorization))?.[1] ?? '']),
    );
    expect(Object.keys(signatures).length).toBeGreaterThan(5);
    const everything = { ...SECRETS, ...signatures };
    expect(leakedSecrets(gw.stdout(), everything)).toEqual([]);
    expect(leakedSecrets(gw.stderr(), everything)).toEqual([]);
    expect(leakedSecrets(refusedOutput.join('\n'), everything)).toEqual([]);
    const db = sqliteFileBytes(file('audit.db'));
    expect(db.length).toBeGreaterThan(0);
    expect(leakedSecrets(db, everything)).toEqual([]);
  });

  it('stdout is JSON lines; request lines, and Nest log lines made during a request, carry the request id', () => {
    const raw = gw.stdout().split('\n').filter(Boolean);
    const parsed = lines();
    expect(parsed.length).toBe(raw.length);
    // pino-http binds customProps again at the end if they changed: one request id per line, not two.
    parsed.forEach((l, i) => l.request_id && expect(raw[i].split(`"request_id":"${l.request_id}"`).length).toBe(2));

    const traced = parsed.filter((l) => l.request_id === 'canary-success-0001');
    expect(traced.map((l) => l.msg)).toEqual(expect.arrayContaining(['policy evaluated', 'request completed']));
    const duringRequests = parsed.filter((l) => l.context === 'PolicyService' && l.msg === 'policy evaluated');
    expect(duringRequests.length).toBeGreaterThan(10);
    for (const l of duringRequests) expect(l.request_id).toEqual(l.req?.id);
    for (const l of parsed.filter((p) => p.msg === 'request completed' || p.msg === 'request errored')) expect(l.request_id).toMatch(/\S{8,}/);
  });
});
