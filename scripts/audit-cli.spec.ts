import { existsSync } from 'node:fs';
import { type AuditEvent, createAuditStore } from '@app/audit';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditCliIo, EXIT_CHAIN_BROKEN, EXIT_ERROR, EXIT_OK, runAuditCli } from './audit-cli';

function captureIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: AuditCliIo = { write: (chunk) => void out.push(chunk), err: (line) => void err.push(line), env };
  return { io, out: () => out.join(''), err: () => err.join('\n') };
}

describe('audit CLI', () => {
  let dir: string;
  let file: string;
  let db: string;
  let events: AuditEvent[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    file = join(dir, 'audit.db');
    db = `sqlite:${file}`;
    const store = createAuditStore(db);
    await store.init();
    events = [];
    for (const [i, sub] of ['alice', 'bob', 'alice'].entries()) {
      events.push(
        await store.append({
          request_id: `r-${i}`,
          actor: { sub, roles: ['web-scanner'], ip: null, user_agent: null },
          action: 'CreateAntiVirusPaidTask',
          target: { region: 'cn-north-4', project_id: 'p', enterprise_project_id: '0', host_ids: [`host-${i}`] },
          request: { task_name: i === 2 ? '=SUM(A1)' : 'ok', scan_type: 'quick', action: 'manual', host_ids: [`host-${i}`] },
          phase: 'final',
          decision: i === 1 ? 'deny' : 'allow',
          policy_version: null,
          reason: null,
          status: i === 1 ? 403 : 200,
          upstream: null,
        }),
      );
    }
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('verify prints the report and exits 0 on a valid chain', async () => {
    const { io, out } = captureIo();
    expect(await runAuditCli(['verify', '--db', db], io)).toBe(EXIT_OK);
    expect(JSON.parse(out())).toEqual({ ok: true, checked: 3, first_bad_id: null });
  });

  it('verify exits 2 and names the first bad event after tampering; AUDIT_DB is the default', async () => {
    const raw = new Database(file);
    raw.prepare('UPDATE audit_events SET status = 201 WHERE id = ?').run(events[1]?.id);
    raw.close();
    const { io, out } = captureIo({ AUDIT_DB: db });
    expect(await runAuditCli(['verify'], io)).toBe(EXIT_CHAIN_BROKEN);
    expect(JSON.parse(out())).toEqual({ ok: false, checked: 2, first_bad_id: events[1]?.id });
  });

  it('exports ndjson newest first, with filters', async () => {
    const all = captureIo();
    expect(await runAuditCli(['export', '--format', 'ndjson', '--db', db], all.io)).toBe(EXIT_OK);
    const lines = all.out().trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEvent);
    expect(lines).toEqual([...events].reverse());

    const some = captureIo();
    await runAuditCli(['export', '--format', 'ndjson', '--db', db, '--actor', 'alice', '--decision', 'allow', '--status', '200'], some.io);
    expect(some.out().trimEnd().split('\n').map((line) => (JSON.parse(line) as AuditEvent).request_id)).toEqual(['r-2', 'r-0']);

    const host = captureIo();
    await runAuditCli(['export', '--format', 'ndjson', '--db', db, '--host-id', 'host-1', '--phase', 'final', '--from', events[0]?.time ?? ''], host.io);
    expect(host.out().trimEnd().split('\n')).toHaveLength(1);
  });

  it('exports CSV with a header, CRLF rows and neutralized formulas', async () => {
    const { io, out } = captureIo();
    expect(await runAuditCli(['export', '--format', 'csv', '--db', db, '--request-id', 'r-2'], io)).toBe(EXIT_OK);
    const rows = out().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^id,time,request_id,/);
    expect(rows[1]).toContain(`${events[2]?.id},`);
    expect(rows[1]).toContain('""task_name"":""=SUM(A1)""');
    expect(rows[2]).toBe('');
  });

  it.each([
    [[]],
    [['nope']],
    [['export', '--db', 'sqlite:x']],
    [['export', '--format', 'xml']],
    [['export', '--format', 'csv', '--status', 'abc']],
    [['export', '--format', 'csv', '--from', 'yesterday']],
    [['verify', '--actor', 'alice']],
    [['verify', '--bogus']],
  ])('prints usage and exits 1 for %j', async (argv) => {
    const { io, err } = captureIo();
    expect(await runAuditCli(argv, io)).toBe(EXIT_ERROR);
    expect(err()).toContain('usage:');
  });

  it('exits 1 with the store error for a bad filter value or database URL', async () => {
    const bad = captureIo();
    expect(await runAuditCli(['export', '--format', 'csv', '--db', db, '--decision', 'maybe'], bad.io)).toBe(EXIT_ERROR);
    expect(bad.err()).toContain('decision must be allow or deny');
    const url = captureIo();
    expect(await runAuditCli(['verify', '--db', 'mysql://u:pw@h/db'], url.io)).toBe(EXIT_ERROR);
    expect(url.err()).toContain('AUDIT_DB must be');
    expect(url.err()).not.toContain('pw');
  });

  it('exits 1 for a SQLite path that does not exist, and does not create it', async () => {
    const missing = `${db}.typo`;
    const out = captureIo();
    expect(await runAuditCli(['verify', '--db', missing], out.io)).toBe(EXIT_ERROR);
    expect(out.err()).toContain('no SQLite audit store at');
    expect(existsSync(missing.slice('sqlite:'.length))).toBe(false);
  });
});
