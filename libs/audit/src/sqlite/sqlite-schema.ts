import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../event-hash';

/** Versioned DDL; append new versions, never edit applied ones. */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE audit_events (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        time       TEXT NOT NULL,
        request_id TEXT NOT NULL,
        actor_sub  TEXT,
        decision   TEXT,
        status     INTEGER,
        phase      TEXT NOT NULL,
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL,
        body       TEXT NOT NULL
      );
      CREATE INDEX audit_events_request_id ON audit_events (request_id, seq);
      CREATE INDEX audit_events_actor_sub ON audit_events (actor_sub, seq);
      CREATE INDEX audit_events_status ON audit_events (status, seq);
      CREATE INDEX audit_events_time ON audit_events (time);
      CREATE TABLE audit_event_hosts (
        seq     INTEGER NOT NULL,
        host_id TEXT NOT NULL,
        PRIMARY KEY (seq, host_id)
      ) WITHOUT ROWID;
      CREATE INDEX audit_event_hosts_host ON audit_event_hosts (host_id, seq);
      CREATE TABLE audit_head (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq  INTEGER NOT NULL,
        last_hash TEXT NOT NULL,
        last_id   TEXT,
        last_time TEXT
      );
      INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '${GENESIS_HASH}');
    `,
  },
];

/** Applies pending migrations in one IMMEDIATE transaction, so concurrent openers do not race. */
export function migrateSqlite(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS audit_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      (db.prepare('SELECT version FROM audit_migrations').all() as Array<{ version: number }>).map((row) => row.version),
    );
    const record = db.prepare('INSERT INTO audit_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
