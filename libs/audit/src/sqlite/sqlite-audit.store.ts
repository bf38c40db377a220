import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AuditEvent, AuditEventInput } from '../audit-event';
import { encodeCursor, type NormalizedFilter, normalizeFilter } from '../audit-filter';
import type { AuditFilter, AuditPage, AuditStore, AuditStreamFilter, VerifyReport } from '../audit-store';
import { canonicalize } from '../canonical-json';
import { ChainVerifier } from '../chain-verifier';
import { sha256Hex } from '../event-hash';
import { enqueueAppend } from '../event-input';
import { GroupCommitQueue } from '../group-commit';
import { type ChainHead, HEADLESS_REPORT, indexColumnsOf, laterIso, parseStoredEvent, toAuditEvent, type StoredRow } from '../stored-event';
import { migrateSqlite } from './sqlite-schema';
import { WalSync } from './wal-sync';

export interface SqliteAuditStoreOptions {
  /** Clock for `time`; tests freeze it. */
  now?: () => Date;
  /** How long a write waits for another process's lock before failing. */
  busyTimeoutMs?: number;
  /** Most events committed in one transaction. */
  maxBatch?: number;
  /** Makes the WAL durable after a commit; tests wrap the real one to observe ordering. */
  syncWal?: () => Promise<void>;
}

interface EventRow {
  seq: number;
  hash: string;
  body: string;
}

interface FullRow extends EventRow {
  id: string;
  time: string;
  request_id: string;
  actor_sub: string | null;
  decision: string | null;
  status: number | null;
  phase: string;
  prev_hash: string;
}

const PAGE = 500;
const VERIFY_BATCH = 1000;

/** AuditStore on one SQLite file: WAL, group commit, IMMEDIATE transactions, an fdatasync of the WAL before any append is acknowledged. */
export class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite' as const;
  private db: Database.Database | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly queue: GroupCommitQueue<AuditEventInput, AuditEvent>;
  private readonly now: () => Date;
  private readonly walSync: WalSync | null;
  private readonly syncWal: () => Promise<void>;

  constructor(
    private readonly path: string,
    private readonly options: SqliteAuditStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    const wal = path === ':memory:' ? null : new WalSync(`${path}-wal`);
    this.walSync = wal;
    this.syncWal = options.syncWal ?? (() => wal?.sync() ?? Promise.resolve());
    this.queue = new GroupCommitQueue((batch) => this.writeBatch(batch), options.maxBatch);
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.queue.isClosed) throw new Error('audit store is closed');
    if (this.path !== ':memory:') mkdirSync(dirname(resolve(this.path)), { recursive: true });
    const db = new Database(this.path, { timeout: this.options.busyTimeoutMs ?? 5000 });
    try {
      db.pragma('journal_mode = WAL');
      // NORMAL: COMMIT writes the WAL without syncing it; writeBatch syncs it (off the event loop)
      // before acknowledging, so an acknowledged event survives power loss as with FULL.
      db.pragma('synchronous = NORMAL');
      migrateSqlite(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
  }

  append(input: AuditEventInput): Promise<AuditEvent> {
    return enqueueAppend(this.queue, this.db !== null, input);
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    const f = normalizeFilter(filter);
    const rows = this.select(f, f.limit + 1);
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => parseStoredEvent(row.body, row.hash)),
      next_cursor: rows.length > f.limit && last ? encodeCursor(last.seq) : null,
    };
  }

  async *stream(filter: AuditStreamFilter): AsyncIterable<AuditEvent> {
    const f = normalizeFilter({ ...filter, limit: undefined, cursor: undefined });
    for (;;) {
      const rows = this.select(f, PAGE);
      for (const row of rows) yield parseStoredEvent(row.body, row.hash);
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) return;
      f.before_seq = last.seq;
    }
  }

  async verify(): Promise<VerifyReport> {
    // Only what was committed when the walk started; later appends are the next verify's job.
    const head = this.head();
    if (!head) return { ...HEADLESS_REPORT };
    const verifier = new ChainVerifier();
    const rows = this.stmt(
      `SELECT seq, id, time, request_id, actor_sub, decision, status, phase, prev_hash, hash, body
       FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    );
    const hostRows = this.stmt('SELECT seq, host_id FROM audit_event_hosts WHERE seq BETWEEN ? AND ?');
    let after = 0;
    for (;;) {
      const batch = rows.all(after, head.last_seq, VERIFY_BATCH) as FullRow[];
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) break;
      const hosts = groupHosts(hostRows.all(first.seq, last.seq) as Array<{ seq: number; host_id: string }>);
      for (const row of batch) {
        if (!verifier.check(toStoredRow(row, hosts.get(row.seq) ?? []))) return verifier.finish(head);
      }
      after = last.seq;
      await yieldToEventLoop(); // keep serving requests during a long walk
    }
    return verifier.finish(head);
  }

  async ping(): Promise<void> {
    const db = this.requireDb();
    // A rolled-back write proves the file is writable without leaving anything behind.
    db.exec('BEGIN IMMEDIATE');
    try {
      this.stmt('UPDATE audit_head SET last_seq = last_seq WHERE id = 1').run();
    } finally {
      db.exec('ROLLBACK');
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.walSync?.close();
    this.statements.clear();
    this.db?.close();
    this.db = null;
  }

  private async writeBatch(batch: AuditEventInput[]): Promise<AuditEvent[]> {
    const db = this.requireDb();
    const events = db.transaction((items: AuditEventInput[]) => this.insertChained(items)).immediate(batch);
    // Nothing is acknowledged before its WAL frames are on disk.
    await this.syncWal();
    return events;
  }

  private insertChained(items: AuditEventInput[]): AuditEvent[] {
    // Read the head inside the write transaction: another process may have appended since.
    const head = this.head();
    if (!head) throw new Error('audit_head row is missing; refusing to start a new chain');
    const time = laterIso(this.now().toISOString(), head.last_time);
    const insertEvent = this.stmt(
      `INSERT INTO audit_events (seq, id, time, request_id, actor_sub, decision, status, phase, prev_hash, hash, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertHost = this.stmt('INSERT INTO audit_event_hosts (seq, host_id) VALUES (?, ?)');
    let seq = head.last_seq;
    let prev = head.last_hash;
    let lastId = head.last_id;
    const events: AuditEvent[] = [];
    for (const item of items) {
      seq += 1;
      const unhashed = { ...item, id: randomUUID(), time, prev_hash: prev };
      const body = canonicalize(unhashed);
      const hash = sha256Hex(body);
      const c = indexColumnsOf(unhashed);
      insertEvent.run(seq, c.id, c.time, c.request_id, c.actor_sub, c.decision, c.status, c.phase, c.prev_hash, hash, body);
      for (const host of c.host_ids) insertHost.run(seq, host);
      events.push(toAuditEvent(unhashed, hash)); // what was just hashed; no need to parse it back
      prev = hash;
      lastId = c.id;
    }
    this.stmt('UPDATE audit_head SET last_seq = ?, last_hash = ?, last_id = ?, last_time = ? WHERE id = 1').run(seq, prev, lastId, time);
    return events;
  }

  private select(f: NormalizedFilter, limit: number): EventRow[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('request_id = ?', f.request_id);
    add('actor_sub = ?', f.actor);
    add('decision = ?', f.decision);
    add('status = ?', f.status);
    add('phase = ?', f.phase);
    add('time >= ?', f.from);
    add('time <= ?', f.to);
    add('seq IN (SELECT seq FROM audit_event_hosts WHERE host_id = ?)', f.host_id);
    add('seq < ?', f.before_seq);
    const sql = `SELECT seq, hash, body FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.stmt(sql).all(...params, limit) as EventRow[];
  }

  private head(): ChainHead | undefined {
    return this.stmt('SELECT last_seq, last_hash, last_id, last_time FROM audit_head WHERE id = 1').get() as ChainHead | undefined;
  }

  /** Prepared once per distinct SQL text (filter combinations are few). */
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.requireDb().prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private requireDb(): Database.Database {
    if (!this.db) throw new Error(this.queue.isClosed ? 'audit store is closed' : 'audit store is not initialised');
    return this.db;
  }
}

function groupHosts(rows: Array<{ seq: number; host_id: string }>): Map<number, string[]> {
  const bySeq = new Map<number, string[]>();
  for (const row of rows) {
    const list = bySeq.get(row.seq) ?? [];
    list.push(row.host_id);
    bySeq.set(row.seq, list);
  }
  return bySeq;
}

function toStoredRow(row: FullRow, hosts: string[]): StoredRow {
  const { seq, hash, body, ...columns } = row;
  return { seq, hash, body, columns: { ...columns, host_ids: [...hosts].sort() } };
}
