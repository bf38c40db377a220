import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { createAuditStore, type AuditEvent } from '@app/audit';
import { startSandbox, type RunningSandbox } from '@app/hss-sandbox';
import { DEMO_POLICY, TEST_AK, TEST_JWT_SECRET, TEST_SK, buildGateway, freePort, mintToken, scanBody, startBuiltGateway } from '@app/testing';

interface Sent {
  requestId: string;
  status?: number;
}

function post(url: string, agent: Agent, token: string, sent: Sent, taskName: string): Promise<void> {
  return new Promise((resolve) => {
    const body = JSON.stringify(scanBody({ task_name: taskName }));
    const req = request(`${url}/api/v1/antivirus/pay-per-scan/tasks?enterprise_project_id=ep-web`, {
      method: 'POST', agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Request-Id': sent.requestId },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        sent.status = res.statusCode;
        resolve();
      });
      res.on('error', () => resolve());
    });
    req.on('error', () => resolve()); // killed mid-flight: no response
    req.end(body);
  });
}

/**
 * SIGKILL under load: every request that got a response has its final event, and every
 * request that reached the upstream has its forward event, in a chain that still verifies.
 */
describe('gateway killed with SIGKILL under load', () => {
  let sandbox: RunningSandbox;
  let dir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: [{ ak: TEST_AK, sk: TEST_SK }], historyLimit: 100_000 });
    dir = mkdtempSync(join(tmpdir(), 'crash-'));
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged event', async () => {
    const auditDb = `sqlite:${join(dir, 'audit.db')}`;
    const port = await freePort();
    const gw = await startBuiltGateway(buildGateway(), {
      NODE_ENV: 'production', PORT: String(port), CLOUD_SDK_AK: TEST_AK, CLOUD_SDK_SK: TEST_SK,
      HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=proj-crash', HSS_ENDPOINT: sandbox.url, AUTH_JWT_SECRET: TEST_JWT_SECRET,
      POLICY_FILE: DEMO_POLICY, AUDIT_DB: auditDb, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000',
    });
    sandbox.inject({ path: 'tasks', latencyMs: 5 }); // keep requests in flight when the kill lands
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const token = mintToken();
    const sent: Sent[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && next < 5000) {
        const n = next++;
        const s: Sent = { requestId: `crash-req-${String(n).padStart(5, '0')}` };
        sent.push(s);
        await post(gw.url, agent, token, s, `crash-${n}`);
        if (sent.filter((x) => x.status).length >= 300 && !killed) {
          killed = true;
          gw.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(await gw.exited).toBe('SIGKILL');
    agent.destroy();
    sandbox.clearFaults();

    const store = createAuditStore(auditDb);
    await store.init();
    try {
      const events: AuditEvent[] = [];
      for await (const e of store.stream({})) events.push(e);
      const finals = new Set(events.filter((e) => e.phase === 'final').map((e) => e.request_id));
      const forwards = new Set(events.filter((e) => e.phase === 'forward').map((e) => e.request_id));

      const answered = sent.filter((s) => s.status !== undefined);
      expect(answered.length).toBeGreaterThanOrEqual(300);
      expect(answered.every((s) => s.status === 200)).toBe(true);
      expect(answered.filter((s) => !finals.has(s.requestId)).map((s) => s.requestId)).toEqual([]);

      const reachedUpstream = sandbox.calls
        .filter((c) => c.url.includes('/pay-per-scan/tasks'))
        .map((c) => `crash-req-${String(Number((JSON.parse(c.body) as { task_name: string }).task_name.slice(6))).padStart(5, '0')}`);
      expect(reachedUpstream.length).toBeGreaterThanOrEqual(answered.length);
      expect(reachedUpstream.filter((rid) => !forwards.has(rid))).toEqual([]);

      expect(await store.verify()).toEqual({ ok: true, checked: events.length, first_bad_id: null });
    } finally {
      await store.close();
    }
  });
});
