import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAuditStoreContract } from '../audit-store.contract';
import type { AuditStore } from '../audit-store';
import { auditInput, type AuditStoreHarness, type HarnessOptions } from '../testing/audit-store-harness';
import { SqliteAuditStore } from './sqlite-audit.store';
import { sqliteTamper } from './sqlite-tamper';
import { WalSync } from './wal-sync';

async function openSqliteHarness(options: HarnessOptions = {}): Promise<AuditStoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-sqlite-'));
  const file = join(dir, 'nested', 'audit.db');
  const opened: AuditStore[] = [];
  const openStore = async (storeOptions = {}): Promise<AuditStore> => {
    const store = new SqliteAuditStore(file, storeOptions);
    await store.init();
    opened.push(store);
    return store;
  };
  return {
    store: await openStore(options),
    openSibling: () => openStore(),
    tamper: sqliteTamper(file),
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * SQLITE_BUSY as better-sqlite3 reports it. Matched by shape, not with toThrow(): Jest loads the native
 * addon once per process, and it keeps the SqliteError class of the first test file that loaded it, so in a
 * multi-file in-band run that error is not `instanceof Error` of this file's realm and toThrow() would report
 * "did not throw" for a rejection that did happen.
 */
const busyError = expect.objectContaining({ code: 'SQLITE_BUSY', message: expect.stringMatching(/locked/) });

describeAuditStoreContract('SQLite', (options) => openSqliteHarness(options));

describe('SqliteAuditStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the parent directory and opens the file in WAL mode with full sync', async () => {
    const file = join(dir, 'a', 'b', 'audit.db');
    const store = new SqliteAuditStore(file);
    await store.init();
    await store.append(auditInput());
    const reader = new Database(file, { readonly: true });
    try {
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
      expect((reader.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n).toBe(1);
    } finally {
      reader.close();
      await store.close();
    }
    expect(existsSync(file)).toBe(true);
  });

  it('rejects every append of a batch that could not commit, and recovers afterwards', async () => {
    const file = join(dir, 'audit.db');
    const store = new SqliteAuditStore(file, { busyTimeoutMs: 50 });
    await store.init();
    const locker = new Database(file);
    locker.exec('BEGIN IMMEDIATE'); // another process holding the write lock
    const attempts = [store.append(auditInput()), store.append(auditInput())];
    // Settle both before asserting, so one failed expectation cannot leave the other rejection unhandled.
    expect(await Promise.allSettled(attempts)).toEqual([
      { status: 'rejected', reason: busyError },
      { status: 'rejected', reason: busyError },
    ]);
    await expect(store.ping()).rejects.toEqual(busyError);
    locker.exec('ROLLBACK');
    locker.close();
    await store.append(auditInput());
    expect(await store.verify()).toEqual({ ok: true, checked: 1, first_bad_id: null });
    await store.close();
  });

  it('keeps committed events across a reopen', async () => {
    const file = join(dir, 'audit.db');
    const first = new SqliteAuditStore(file);
    await first.init();
    const event = await first.append(auditInput());
    await first.close();
    const second = new SqliteAuditStore(file);
    await second.init();
    expect((await second.query({})).items).toEqual([event]);
    await second.close();
  });

  it('refuses appends before init', async () => {
    await expect(new SqliteAuditStore(join(dir, 'x.db')).append(auditInput())).rejects.toThrow('not initialised');
  });

  it('acknowledges an append only after the WAL has been synced', async () => {
    const file = join(dir, 'audit.db');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const real = new WalSync(`${file}-wal`);
    const syncs: string[] = [];
    const store = new SqliteAuditStore(file, {
      syncWal: async () => {
        syncs.push('started');
        await gate;
        await real.sync();
        syncs.push('done');
      },
    });
    await store.init();
    let acknowledged = false;
    const append = store.append(auditInput({ request_id: 'durable-1' })).then((e) => ((acknowledged = true), e));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    // Committed to the WAL, visible to another connection, but not acknowledged before the sync.
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM audit_events WHERE request_id = ?').get('durable-1')).toEqual({ n: 1 });
    reader.close();
    expect(syncs).toEqual(['started']);
    expect(acknowledged).toBe(false);
    open();
    expect((await append).request_id).toBe('durable-1');
    expect(syncs).toEqual(['started', 'done']);
    await store.close();
    await real.close();
  });

  it('rejects the appends of a batch whose WAL sync failed', async () => {
    const store = new SqliteAuditStore(join(dir, 'audit.db'), { syncWal: () => Promise.reject(new Error('EIO: disk gone')) });
    await store.init();
    const results = await Promise.allSettled([store.append(auditInput()), store.append(auditInput())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await store.close();
  });

  it('by default syncs the database\'s own WAL file before acknowledging, and refuses when it cannot', async () => {
    const file = join(dir, 'audit.db');
    const store = new SqliteAuditStore(file);
    await store.init();
    expect(existsSync(`${file}-wal`)).toBe(true); // the migrations wrote it
    // SQLite keeps writing through its open descriptor; the store's sync looks the file up by name and cannot find it.
    unlinkSync(`${file}-wal`);
    await expect(store.append(auditInput())).rejects.toMatchObject({ code: 'ENOENT' });
    await store.close();
  });
});
