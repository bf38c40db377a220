import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { accessKeyOf, eventually, metricValue, postScan, scanTaskCalls, scrapeMetrics, startTestGateway, type TestGateway } from '@app/testing';

const OLD = { ak: 'FILEAKOLD0000000000001', sk: 'file-sk-old-0123456789abcdef0123456789', token: 'sts-token-old-AAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
const NEW = { ak: 'FILEAKNEW0000000000002', sk: 'file-sk-new-fedcba9876543210fedcba9876', token: 'sts-token-new-BBBBBBBBBBBBBBBBBBBBBBBBBBBB' };

const fingerprint = (ak: string) => createHash('sha256').update(ak).digest('hex').slice(0, 12);

interface ReadyBody {
  status: string;
  info: { credentials: { source: string; ak_fingerprint: string; temporary: boolean; loaded_at: string } };
}

/**
 * CLOUD_SDK_*_FILE credentials: temporary credentials signed with X-Security-Token,
 * rotated by replacing the files while the gateway runs, never shown in full.
 */
describe('credentials from files, rotated live', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let gw: TestGateway;
  const file = (name: string) => join(dir, name);

  /** Replaces a file the way a secret mount does: write aside, then rename over. */
  function replace(name: string, value: string): void {
    writeFileSync(file(`${name}.tmp`), `${value}\n`);
    renameSync(file(`${name}.tmp`), file(name));
  }

  const ready = async (): Promise<ReadyBody> => (await fetch(`${gw.url}/health/ready`)).json() as Promise<ReadyBody>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-creds-'));
    replace('ak', OLD.ak);
    replace('sk', OLD.sk);
    replace('token', OLD.token);
    sandbox = await startSandbox({ credentials: [{ ak: OLD.ak, sk: OLD.sk }] });
    gw = await startTestGateway({
      sandbox,
      env: {
        CLOUD_SDK_AK: undefined,
        CLOUD_SDK_SK: undefined,
        CLOUD_SDK_AK_FILE: file('ak'),
        CLOUD_SDK_SK_FILE: file('sk'),
        CLOUD_SDK_SECURITY_TOKEN_FILE: file('token'),
      },
    });
  });
  afterAll(async () => {
    await gw.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs with the file credentials and sends the security token as a signed header', async () => {
    const res = await postScan(gw.url);
    expect(res.status).toBe(200);
    const call = scanTaskCalls(sandbox).at(-1)!;
    expect(accessKeyOf(call)).toBe(OLD.ak);
    expect(call.headers['x-security-token']).toBe(OLD.token);
    expect(String(call.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-security-token/);
  });

  it('/health/ready shows a fingerprint of the AK and when the credentials were loaded, never a key', async () => {
    const res = await fetch(`${gw.url}/health/ready`);
    const text = await res.text();
    expect(res.status).toBe(200);
    const body = JSON.parse(text) as ReadyBody;
    expect(body.info.credentials).toEqual({ status: 'up', source: 'files', ak_fingerprint: fingerprint(OLD.ak), temporary: true, loaded_at: expect.any(String) });
    expect(Date.parse(body.info.credentials.loaded_at)).toBeLessThanOrEqual(Date.now());
    for (const secret of [OLD.ak, OLD.sk, OLD.token]) expect(text).not.toContain(secret);
  });

  it('a rotation mid-flight: requests in flight keep their pair, the next ones sign with the new files', async () => {
    const before = await ready();
    // The upstream accepts both pairs during the rotation, as IAM does while an old key is still active.
    sandbox.setCredentials([{ ak: OLD.ak, sk: OLD.sk }, { ak: NEW.ak, sk: NEW.sk }]);
    sandbox.inject({ latencyMs: 1200, times: 3, path: 'tasks' });
    const sentBefore = scanTaskCalls(sandbox).length;
    // supertest sends on then(): start all three now.
    const inFlight = [1, 2, 3].map(() => postScan(gw.url).then((res) => res));
    await eventually(() => scanTaskCalls(sandbox).length === sentBefore + 3, 3000, 20);

    replace('ak', NEW.ak);
    replace('sk', NEW.sk);
    replace('token', NEW.token);
    for (const res of await Promise.all(inFlight)) expect(res.status).toBe(200);
    expect(scanTaskCalls(sandbox).slice(sentBefore).map(accessKeyOf)).toEqual([OLD.ak, OLD.ak, OLD.ak]);

    // Only the new pair is accepted from now on: success proves the next request signs with it.
    sandbox.setCredentials([{ ak: NEW.ak, sk: NEW.sk }]);
    await eventually(async () => (await postScan(gw.url)).status === 200, 10_000, 200);
    const call = scanTaskCalls(sandbox).at(-1)!;
    expect(accessKeyOf(call)).toBe(NEW.ak);
    expect(call.headers['x-security-token']).toBe(NEW.token);

    const after = await ready();
    expect(after.info.credentials.ak_fingerprint).toBe(fingerprint(NEW.ak));
    expect(Date.parse(after.info.credentials.loaded_at)).toBeGreaterThan(Date.parse(before.info.credentials.loaded_at));
    expect(metricValue(await scrapeMetrics(gw.url), 'gateway_credential_reloads_total', { result: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it('an unreadable rotation keeps the last good credentials, logged and counted', async () => {
    const failuresBefore = metricValue(await scrapeMetrics(gw.url), 'gateway_credential_reloads_total', { result: 'error' });
    replace('sk', '');
    await eventually(async () => metricValue(await scrapeMetrics(gw.url), 'gateway_credential_reloads_total', { result: 'error' }) > failuresBefore, 8000, 200);
    expect((await postScan(gw.url)).status).toBe(200);
    expect(accessKeyOf(scanTaskCalls(sandbox).at(-1)!)).toBe(NEW.ak);
    expect((await ready()).info.credentials.ak_fingerprint).toBe(fingerprint(NEW.ak));
  });
});
