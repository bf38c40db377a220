import Database from 'better-sqlite3';
import request from 'supertest';
import type { AuditEvent, AuditStore } from '@app/audit';
import {
  auditEvents, mintToken, postScan, postgresAuditUrl, scanBody, scanTaskCalls, startTestGateway, type TestGateway,
} from '@app/testing';
import { AUDIT_STORE } from '../src/audit/audit-store.provider';

const auditor = () => mintToken({ sub: 'audrey', roles: ['auditor'] });

/** A mix of outcomes: allowed, denied, invalid, unauthenticated and an upstream failure. Returns their request ids. */
async function mixedTraffic(gw: TestGateway) {
  const ok = await postScan(gw.url, { body: scanBody({ host_ids: ['host-web-2'] }) });
  const denied = await postScan(gw.url, { body: scanBody({ host_ids: ['host-db-1'] }) });
  const invalid = await postScan(gw.url, { body: scanBody({ scan_type: 'deep' }) });
  const anonymous = await postScan(gw.url, { token: null });
  gw.sandbox.inject({ path: 'tasks', status: 500, times: 1 });
  const failed = await postScan(gw.url);
  expect([ok.status, denied.status, invalid.status, anonymous.status, failed.status]).toEqual([200, 403, 400, 401, 502]);
  const id = (r: { headers: Record<string, string> }) => r.headers['x-request-id'];
  return { ok: id(ok), denied: id(denied), invalid: id(invalid), anonymous: id(anonymous), failed: id(failed) };
}

describe.each([
  ['SQLite', () => ({ url: undefined as string | undefined, drop: async () => undefined })],
  ['PostgreSQL', () => postgresAuditUrl('gw_audit')],
])('audit API on %s', (_name, makeDb) => {
  let gw: TestGateway;
  let db: { url?: string; drop(): Promise<void> };
  let ids: Awaited<ReturnType<typeof mixedTraffic>>;

  beforeAll(async () => {
    db = makeDb();
    gw = await startTestGateway({ env: db.url ? { AUDIT_DB: db.url } : {} });
    ids = await mixedTraffic(gw);
  });
  afterAll(async () => {
    await gw.close();
    await db.drop();
  });

  it('is for roles with audit: read only', async () => {
    expect((await request(gw.url).get('/api/v1/audit/events')).status).toBe(401);
    const scanner = await request(gw.url).get('/api/v1/audit/events').set('Authorization', `Bearer ${mintToken()}`);
    expect(scanner.status).toBe(403);
    expect(scanner.body.message).toBe('reading the audit trail needs a role with audit: read');
    for (const path of ['verify', 'export']) {
      expect((await request(gw.url).get(`/api/v1/audit/${path}`).set('Authorization', `Bearer ${mintToken()}`)).status).toBe(403);
    }
  });

  it('records one final event per request, and a forward event before each forwarded one', async () => {
    const events = await auditEvents(gw.url);
    const byRequest = (rid: string) => events.filter((e) => e.request_id === rid).reverse().map((e) => `${e.phase}:${e.status}`);
    expect(byRequest(ids.ok)).toEqual(['forward:null', 'final:200']);
    expect(byRequest(ids.denied)).toEqual(['final:403']);
    expect(byRequest(ids.invalid)).toEqual(['final:400']);
    expect(byRequest(ids.anonymous)).toEqual(['final:401']);
    expect(byRequest(ids.failed)).toEqual(['forward:null', 'final:502']);
    const denied = events.find((e) => e.request_id === ids.denied)!;
    expect(denied).toMatchObject({ decision: 'deny', reason: 'role web-scanner: hosts not allowed: host-db-1', action: 'CreateAntiVirusPaidTask' });
    const failed = events.find((e) => e.request_id === ids.failed && e.phase === 'final')!;
    expect(failed.upstream).toEqual({ status: 500, request_id: expect.any(String), duration_ms: expect.any(Number) });
  });

  it.each([
    [{ actor: 'alice' }, (e: AuditEvent) => e.actor?.sub === 'alice'],
    [{ decision: 'deny' }, (e: AuditEvent) => e.decision === 'deny'],
    [{ status: 400 }, (e: AuditEvent) => e.status === 400],
    [{ phase: 'forward' }, (e: AuditEvent) => e.phase === 'forward'],
    [{ host_id: 'host-web-2' }, (e: AuditEvent) => e.target?.host_ids.includes('host-web-2') === true],
  ])('filters by %o', async (query, matches) => {
    const all = await auditEvents(gw.url);
    const filtered = await auditEvents(gw.url, query as Record<string, string>);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((e) => e.id)).toEqual(all.filter(matches).map((e) => e.id));
  });

  it('filters by time range and request id', async () => {
    const all = await auditEvents(gw.url);
    const pivot = all[Math.floor(all.length / 2)].time;
    const from = await auditEvents(gw.url, { from: pivot });
    expect(from.map((e) => e.id)).toEqual(all.filter((e) => e.time >= pivot).map((e) => e.id));
    const to = await auditEvents(gw.url, { to: pivot });
    expect(to.map((e) => e.id)).toEqual(all.filter((e) => e.time <= pivot).map((e) => e.id));
    expect((await auditEvents(gw.url, { request_id: ids.ok })).map((e) => e.phase)).toEqual(['final', 'forward']);
  });

  it('pages newest first with a cursor that stays stable while new events arrive', async () => {
    const before = await auditEvents(gw.url);
    const page1 = await request(gw.url).get('/api/v1/audit/events').query({ limit: 3 }).set('Authorization', `Bearer ${auditor()}`);
    expect(page1.body.items.map((e: AuditEvent) => e.id)).toEqual(before.slice(0, 3).map((e) => e.id));
    await postScan(gw.url); // new events land on top
    const rest: AuditEvent[] = [];
    let cursor: string | null = page1.body.next_cursor;
    while (cursor) {
      const page = await request(gw.url).get('/api/v1/audit/events').query({ limit: 3, cursor }).set('Authorization', `Bearer ${auditor()}`);
      rest.push(...page.body.items);
      cursor = page.body.next_cursor;
    }
    expect([...page1.body.items, ...rest].map((e: AuditEvent) => e.id)).toEqual(before.map((e) => e.id));
  });

  it.each([
    [{ limit: 501 }, /limit must not be greater than 500/],
    [{ limit: 0 }, /limit must not be less than 1/],
    [{ status: 'abc' }, /status must be an integer/],
    [{ from: 'yesterday' }, /from must be a valid ISO 8601/],
    [{ decision: 'maybe' }, /decision must be one of/],
    [{ cursor: '!!!' }, /cursor/],
    [{ sort: 'asc' }, /property sort should not exist/],
  ])('rejects %o with 400', async (query, message) => {
    const res = await request(gw.url).get('/api/v1/audit/events').query(query).set('Authorization', `Bearer ${auditor()}`);
    expect(res.status).toBe(400);
    expect([res.body.message].flat().join('\n')).toMatch(message);
  });

  it('verifies the chain', async () => {
    const all = await auditEvents(gw.url);
    const res = await request(gw.url).get('/api/v1/audit/verify').set('Authorization', `Bearer ${auditor()}`);
    expect(res.body).toEqual({ ok: true, checked: all.length, first_bad_id: null });
  });

  it('exports every matching event as NDJSON and CSV', async () => {
    const all = await auditEvents(gw.url);
    const nd = await request(gw.url).get('/api/v1/audit/export').query({ format: 'ndjson' }).set('Authorization', `Bearer ${auditor()}`);
    expect(nd.status).toBe(200);
    expect(nd.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = nd.text.trim().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    expect(lines.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const csv = await request(gw.url).get('/api/v1/audit/export').query({ format: 'csv', decision: 'deny' }).set('Authorization', `Bearer ${auditor()}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.text.trim().split('\n');
    expect(rows[0]).toMatch(/^id,time,request_id/);
    expect(rows).toHaveLength(1 + all.filter((e) => e.decision === 'deny').length);
  });

  it('fails closed: when the store cannot commit, 503 and nothing forwarded', async () => {
    const probeDb = db.url ? postgresAuditUrl('gw_closed') : undefined;
    const other = await startTestGateway({ env: probeDb ? { AUDIT_DB: probeDb.url } : {} });
    try {
      await other.app.get<AuditStore>(AUDIT_STORE).close();
      const res = await postScan(other.url);
      expect(res.status).toBe(503);
      expect(res.body.message).toBe('the audit trail cannot record this request; nothing was forwarded');
      expect(scanTaskCalls(other.sandbox)).toHaveLength(0);
    } finally {
      await other.close().catch(() => undefined);
      await probeDb?.drop();
    }
  });
});

describe('the final event cannot be recorded after the request was forwarded', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close().catch(() => undefined));

  it('answers 503 saying it was forwarded, with the upstream request id, and does not retry the append', async () => {
    gw.sandbox.inject({ path: 'tasks', latencyMs: 300, times: 1 });
    const pending = postScan(gw.url).then((r) => r); // supertest sends on then()
    const deadline = Date.now() + 5000;
    while (scanTaskCalls(gw.sandbox).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // The forward event is committed (the request is at the upstream); now the store goes away.
    await gw.app.get<AuditStore>(AUDIT_STORE).close();
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.body.message).toBe('the request was forwarded (upstream status 200) but its outcome could not be recorded in the audit trail; check the task before retrying');
    expect(res.headers['x-upstream-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('tamper evidence through the API (SQLite file edited behind the gateway)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    await mixedTraffic(gw);
  });
  afterAll(() => gw.close());

  it('reports the first bad event after one field is changed', async () => {
    const oldestFirst = (await auditEvents(gw.url)).reverse();
    const victim = oldestFirst[2];
    const file = new Database(gw.config.auditDb.slice('sqlite:'.length));
    const { body } = file.prepare('SELECT body FROM audit_events WHERE id = ?').get(victim.id) as { body: string };
    file.prepare('UPDATE audit_events SET body = ? WHERE id = ?').run(body.replace(/"status":\d+/, '"status":200'), victim.id);
    file.close();
    const res = await request(gw.url).get('/api/v1/audit/verify').set('Authorization', `Bearer ${auditor()}`);
    expect(res.body).toEqual({ ok: false, checked: expect.any(Number), first_bad_id: victim.id });
  });
});
