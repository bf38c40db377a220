import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { AuditEvent, AuditEventInput } from '../audit-event';
import { encodeCursor, type NormalizedFilter, normalizeFilter } from '../audit-filter';
import type { AuditFilter, AuditPage, AuditStore, AuditStreamFilter, VerifyReport } from '../audit-store';
import { canonicalize } from '../canonical-json';
import { ChainVerifier } from '../chain-verifier';
import { sha256Hex } from '../event-hash';
import { enqueueAppend } from '../event-input';
import { GroupCommitQueue } from '../group-commit';
import { type ChainHead, HEADLESS_REPORT, type IndexColumns, indexColumnsOf, laterIso, parseStoredEvent, toAuditEvent } from '../stored-event';
import { migratePostgres } from './postgres-migrations';
import { parsePostgresUrl, type PostgresTarget } from './postgres-url';

export interface PostgresAuditStoreOptions {
  now?: () => Date;
  /** Pool size; appends use one connection at a time, reads the rest. */
  poolSize?: number;
  maxBatch?: number;
}

interface HeadRow {
  last_seq: string;
  last_hash: string;
  last_id: string | null;
  last_time: string | null;
}

interface EventRow {
  seq: string;
  hash: string;
  body: string;
}

interface FullRow extends EventRow {
  id: string;
  time: Date;
  request_id: string;
  actor_sub: string | null;
  decision: string | null;
  status: number | null;
  phase: string;
  host_ids: string[];
  prev_hash: string;
}

const PAGE = 500;
const VERIFY_BATCH = 1000;

// One statement for the whole batch: parallel arrays, host ids as JSON text per row (arrays cannot be ragged).
const INSERT_BATCH = `
  INSERT INTO audit_events (seq, id, time, request_id, actor_sub, decision, status, phase, host_ids, prev_hash, hash, body)
  SELECT u.seq, u.id, u.time, u.request_id, u.actor_sub, u.decision, u.status, u.phase,
         ARRAY(SELECT jsonb_array_elements_text(u.hosts::jsonb)), u.prev_hash, u.hash, u.body
  FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[])
    AS u(seq, id, time, request_id, actor_sub, decision, status, phase, hosts, prev_hash, hash, body)`;

/**
 * AuditStore on PostgreSQL. Appends are group-committed; each batch takes the
 * head row FOR UPDATE, so any number of processes extend one chain in turn.
 */
export class PostgresAuditStore implements AuditStore {
  readonly kind = 'postgres' as const;
  private pool: Pool | null = null;
  private readonly target: PostgresTarget;
  private readonly queue: GroupCommitQueue<AuditEventInput, AuditEvent>;
  private readonly now: () => Date;

  constructor(
    url: string,
    private readonly options: PostgresAuditStoreOptions = {},
  ) {
    this.target = parsePostgresUrl(url);
    this.now = options.now ?? (() => new Date());
    this.queue = new GroupCommitQueue((batch) => this.writeBatch(batch), options.maxBatch);
  }

  async init(): Promise<void> {
    if (this.pool) return;
    if (this.queue.isClosed) throw new Error('audit store is closed');
    const { connectionString, schema } = this.target;
    const pool = new Pool({
      connectionString,
      max: this.options.poolSize ?? 4,
      connectionTimeoutMillis: 5000,
      // search_path is set by the server at connection start-up, before any query of ours.
      ...(schema !== null ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection dropped by the server must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool, schema);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    this.pool = pool;
  }

  append(input: AuditEventInput): Promise<AuditEvent> {
    return enqueueAppend(this.queue, this.pool !== null, input);
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    const f = normalizeFilter(filter);
    const rows = await this.select(f, f.limit + 1);
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => parseStoredEvent(row.body, row.hash)),
      next_cursor: rows.length > f.limit && last ? encodeCursor(Number(last.seq)) : null,
    };
  }

  async *stream(filter: AuditStreamFilter): AsyncIterable<AuditEvent> {
    const f = normalizeFilter({ ...filter, limit: undefined, cursor: undefined });
    for (;;) {
      const rows = await this.select(f, PAGE);
      for (const row of rows) yield parseStoredEvent(row.body, row.hash);
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) return;
      f.before_seq = Number(last.seq);
    }
  }

  async verify(): Promise<VerifyReport> {
    const pool = this.requirePool();
    // Only what was committed when the walk started; later appends are the next verify's job.
    const head = toHead((await pool.query<HeadRow>('SELECT last_seq, last_hash, last_id, last_time FROM audit_head WHERE id = 1')).rows[0]);
    if (!head) return { ...HEADLESS_REPORT };
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const { rows } = await pool.query<FullRow>(
        `SELECT seq, id, time, request_id, actor_sub, decision, status, phase, host_ids, prev_hash, hash, body
         FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
        [after, head.last_seq, VERIFY_BATCH],
      );
      for (const row of rows) {
        const { seq, hash, body, time, host_ids, ...rest } = row;
        const columns: IndexColumns = { ...rest, time: time.toISOString(), host_ids: [...host_ids].sort() };
        if (!verifier.check({ seq: Number(seq), hash, body, columns })) return verifier.finish(head);
      }
      const last = rows[rows.length - 1];
      if (!last) return verifier.finish(head);
      after = Number(last.seq);
    }
  }

  async ping(): Promise<void> {
    const { rows } = await this.requirePool().query<{ writable: boolean }>(
      `SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable
       FROM audit_head WHERE id = 1`,
    );
    if (rows[0]?.writable !== true) throw new Error('audit database is not writable');
  }

  async close(): Promise<void> {
    await this.queue.close();
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  private async writeBatch(items: AuditEventInput[]): Promise<AuditEvent[]> {
    const client = await this.requirePool().connect();
    try {
      await client.query('BEGIN');
      const events = await this.insertChained(client, items);
      // Resolve nothing before COMMIT returns: an acknowledged event is a committed event.
      await client.query('COMMIT');
      client.release();
      return events;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true); // the connection's state is unknown; do not reuse it
      throw error;
    }
  }

  private async insertChained(client: PoolClient, items: AuditEventInput[]): Promise<AuditEvent[]> {
    // The row lock serializes appenders across processes; the head is read under it.
    const headRow = (await client.query<HeadRow>('SELECT last_seq, last_hash, last_id, last_time FROM audit_head WHERE id = 1 FOR UPDATE')).rows[0];
    const head = toHead(headRow);
    if (!head) throw new Error('audit_head row is missing; refusing to start a new chain');
    const time = laterIso(this.now().toISOString(), head.last_time);
    const cols: unknown[][] = Array.from({ length: 12 }, () => []);
    const events: AuditEvent[] = [];
    let seq = head.last_seq;
    let prev = head.last_hash;
    for (const item of items) {
      seq += 1;
      const unhashed = { ...item, id: randomUUID(), time, prev_hash: prev };
      const body = canonicalize(unhashed);
      const hash = sha256Hex(body);
      const c = indexColumnsOf(unhashed);
      const values = [seq, c.id, c.time, c.request_id, c.actor_sub, c.decision, c.status, c.phase, JSON.stringify(c.host_ids), c.prev_hash, hash, body];
      values.forEach((value, i) => cols[i]?.push(value));
      events.push(toAuditEvent(unhashed, hash)); // what was just hashed; no need to parse it back
      prev = hash;
    }
    await client.query({ name: 'audit-insert-batch', text: INSERT_BATCH, values: cols });
    const lastEvent = events[events.length - 1];
    await client.query('UPDATE audit_head SET last_seq = $1, last_hash = $2, last_id = $3, last_time = $4 WHERE id = 1', [
      seq,
      prev,
      lastEvent?.id ?? head.last_id,
      time,
    ]);
    return events;
  }

  private async select(f: NormalizedFilter, limit: number): Promise<EventRow[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (clause: (placeholder: string) => string, value: string | number | undefined): void => {
      if (value === undefined) return;
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    add((p) => `request_id = ${p}`, f.request_id);
    add((p) => `actor_sub = ${p}`, f.actor);
    add((p) => `decision = ${p}`, f.decision);
    add((p) => `status = ${p}`, f.status);
    add((p) => `phase = ${p}`, f.phase);
    add((p) => `time >= ${p}`, f.from);
    add((p) => `time <= ${p}`, f.to);
    add((p) => `host_ids @> ARRAY[${p}::text]`, f.host_id);
    add((p) => `seq < ${p}`, f.before_seq);
    params.push(limit);
    const sql = `SELECT seq, hash, body FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY seq DESC LIMIT $${params.length}`;
    return (await this.requirePool().query<EventRow>(sql, params)).rows;
  }

  private requirePool(): Pool {
    if (!this.pool) throw new Error(this.queue.isClosed ? 'audit store is closed' : 'audit store is not initialised');
    return this.pool;
  }
}

function toHead(row: HeadRow | undefined): ChainHead | null {
  if (!row) return null;
  return { last_seq: Number(row.last_seq), last_hash: row.last_hash, last_id: row.last_id, last_time: row.last_time };
}
