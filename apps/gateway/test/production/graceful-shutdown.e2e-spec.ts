import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditStore } from '@app/audit';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import {
  DEMO_POLICY, SCAN_PATH, TEST_AK, TEST_JWT_SECRET, TEST_SK, buildGateway, eventually, freePort, mintToken, scanBody, scanTaskCalls, startBuiltGateway,
  type BuiltGateway,
} from '@app/testing';

const IN_FLIGHT = 8;
const UPSTREAM_LATENCY_MS = 1500;

/**
 * SIGTERM to the built gateway while requests wait on a slow upstream: it stops
 * accepting connections, every accepted request completes with 200 and its final audit
 * event, and the process exits 0 within a bound.
 */
describe('graceful shutdown on SIGTERM (built gateway)', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let gw: BuiltGateway;

  beforeAll(async () => {
    const main = buildGateway();
    dir = mkdtempSync(join(tmpdir(), 'gateway-shutdown-'));
    sandbox = await startSandbox({ credentials: [{ ak: TEST_AK, sk: TEST_SK }] });
    gw = await startBuiltGateway(main, {
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      CLOUD_SDK_AK: TEST_AK,
      CLOUD_SDK_SK: TEST_SK,
      HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=proj-cn-north-4',
      HSS_ENDPOINT: sandbox.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      POLICY_FILE: DEMO_POLICY,
      AUDIT_DB: `sqlite:${join(dir, 'audit.db')}`,
      UPSTREAM_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'info',
    });
  }, 60_000);
  afterAll(async () => {
    if (gw.child.exitCode === null) gw.child.kill('SIGKILL');
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes every in-flight request, refuses new connections, flushes the audit store and exits 0', async () => {
    sandbox.inject({ latencyMs: UPSTREAM_LATENCY_MS, path: 'tasks' });
    const token = mintToken();
    const send = (i: number) =>
      fetch(`${gw.url}${SCAN_PATH}?enterprise_project_id=ep-web`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': `drain-request-${i}` },
        body: JSON.stringify(scanBody({ task_name: `drain ${i}` })),
      });
    const inFlight = Array.from({ length: IN_FLIGHT }, (_, i) => send(i));
    await eventually(() => scanTaskCalls(sandbox).length === IN_FLIGHT, 5000, 20);

    const signalledAt = Date.now();
    gw.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fetch(`${gw.url}/health/live`)).rejects.toThrow();

    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual(Array(IN_FLIGHT).fill(200));
    expect(await gw.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(UPSTREAM_LATENCY_MS + 1500);
    expect(gw.stderr()).toMatch(/SIGTERM received/);

    const store = createAuditStore(`sqlite:${join(dir, 'audit.db')}`);
    await store.init();
    try {
      const finals = await store.query({ phase: 'final', limit: 100 });
      expect(finals.items.filter((e) => e.request_id.startsWith('drain-request-') && e.status === 200)).toHaveLength(IN_FLIGHT);
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
