import type { Pool } from 'pg';
import { GENESIS_HASH } from '../event-hash';
import { quoteIdent } from './postgres-url';

// Arbitrary constant shared by every gateway process: only one migrates at a time.
const MIGRATION_LOCK_KEY = 0x4155_4449; // 'AUDI'

/** Versioned DDL; append new versions, never edit applied ones. */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE audit_events (
        seq        bigint PRIMARY KEY,
        id         uuid NOT NULL UNIQUE,
        time       timestamptz NOT NULL,
        request_id text NOT NULL,
        actor_sub  text,
        decision   text,
        status     integer,
        phase      text NOT NULL,
        host_ids   text[] NOT NULL,
        prev_hash  text NOT NULL,
        hash       text NOT NULL,
        body       text NOT NULL
      );
      CREATE INDEX audit_events_request_id ON audit_events (request_id, seq);
      CREATE INDEX audit_events_actor_sub ON audit_events (actor_sub, seq);
      CREATE INDEX audit_events_status ON audit_events (status, seq);
      CREATE INDEX audit_events_time ON audit_events (time);
      CREATE INDEX audit_events_host_ids ON audit_events USING gin (host_ids);
      CREATE TABLE audit_head (
        id        integer PRIMARY KEY CHECK (id = 1),
        last_seq  bigint NOT NULL,
        last_hash text NOT NULL,
        last_id   uuid,
        last_time text
      );
      INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '${GENESIS_HASH}');
    `,
  },
];

/** Creates the schema if asked and applies pending migrations, one process at a time. */
export async function migratePostgres(pool: Pool, schema: string | null): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    if (schema !== null) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS audit_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM audit_migrations')).rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO audit_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
}
