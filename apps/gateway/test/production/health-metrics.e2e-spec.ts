import type { AuditStore } from '@app/audit';
import { metricValue, postScan, scanBody, scrapeMetrics, startTestGateway, unsignedToken, type TestGateway } from '@app/testing';
import { AUDIT_STORE } from '../../src/audit/audit-store.provider';

interface HealthBody {
  status: string;
  info?: Record<string, Record<string, unknown>>;
  error?: Record<string, Record<string, unknown>>;
}

/** /health/live, /health/ready and /metrics as an operator and a Prometheus scraper see them. */
describe('health and metrics', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it('/health/live answers without a token', async () => {
    const res = await fetch(`${gw.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('/health/ready reports the policy in force, the audit store and the credentials', async () => {
    const res = await fetch(`${gw.url}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthBody;
    expect(body.status).toBe('ok');
    expect(body.info?.policy).toMatchObject({ status: 'up', version: expect.stringMatching(/^[0-9a-f]{64}$/), roles: 3, loaded_at: expect.any(String) });
    expect(body.info?.audit_store).toEqual({ status: 'up', kind: 'sqlite' });
    expect(body.info?.credentials).toMatchObject({ status: 'up', source: 'env', ak_fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/), temporary: false });
  });

  it('/metrics counts scan requests by status and decision and times upstream calls and audit appends', async () => {
    const before = await scrapeMetrics(gw.url);
    const count = (text: string, labels: Record<string, string>) => metricValue(text, 'gateway_scan_requests_total', labels);

    expect((await postScan(gw.url)).status).toBe(200);
    expect((await postScan(gw.url, { body: scanBody({ scan_type: 'full' }) })).status).toBe(403);
    expect((await postScan(gw.url, { token: unsignedToken() })).status).toBe(401);
    gw.sandbox.inject({ times: 1, status: 500 });
    expect((await postScan(gw.url)).status).toBe(502);

    const after = await scrapeMetrics(gw.url);
    for (const labels of [
      { status: '200', decision: 'allow' },
      { status: '403', decision: 'deny' },
      { status: '401', decision: 'none' },
      { status: '502', decision: 'allow' },
    ]) {
      expect({ labels, added: count(after, labels) - count(before, labels) }).toEqual({ labels, added: 1 });
    }
    const upstream = (text: string, outcome: string) => metricValue(text, 'gateway_upstream_duration_seconds_count', { operation: 'create_task', outcome });
    expect(upstream(after, 'ok') - upstream(before, 'ok')).toBe(1);
    expect(upstream(after, 'upstream_server_error') - upstream(before, 'upstream_server_error')).toBe(1);
    expect(metricValue(after, 'gateway_upstream_duration_seconds_sum', { operation: 'create_task' })).toBeGreaterThan(0);

    const appends = (text: string, phase: string) => metricValue(text, 'gateway_audit_append_duration_seconds_count', { phase, result: 'ok' });
    expect(appends(after, 'forward') - appends(before, 'forward')).toBe(2);
    expect(appends(after, 'final') - appends(before, 'final')).toBe(4);
    expect(after).toMatch(/^# TYPE gateway_policy_reloads_total counter$/m);
    expect(after).toMatch(/^# TYPE gateway_credential_reloads_total counter$/m);
    expect(after).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('/health/ready answers 503 naming the audit store when it cannot be written, and scans fail closed', async () => {
    await gw.app.get<AuditStore>(AUDIT_STORE).close();
    const res = await fetch(`${gw.url}/health/ready`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as HealthBody;
    expect(body.error?.audit_store).toMatchObject({ status: 'down', kind: 'sqlite' });
    const before = gw.sandbox.calls.length;
    expect((await postScan(gw.url)).status).toBe(503);
    expect(gw.sandbox.calls.length).toBe(before);
  });
});
