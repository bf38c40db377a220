import Database from 'better-sqlite3';
import { canonicalize } from '../canonical-json';
import type { AuditTamper } from '../testing/audit-store-harness';

/** Tamper hooks that edit a SQLite audit file through a separate connection, as an attacker would. */
export function sqliteTamper(path: string): AuditTamper {
  const withDb = (edit: (db: Database.Database) => void): Promise<void> => {
    const db = new Database(path);
    try {
      db.transaction(() => edit(db)).immediate();
    } finally {
      db.close();
    }
    return Promise.resolve();
  };
  const seqOf = (db: Database.Database, id: string): number => {
    const row = db.prepare('SELECT seq FROM audit_events WHERE id = ?').get(id) as { seq: number } | undefined;
    if (!row) throw new Error(`no event ${id}`);
    return row.seq;
  };
  return {
    rewriteBody: (id, mutate) =>
      withDb((db) => {
        const { body } = db.prepare('SELECT body FROM audit_events WHERE id = ?').get(id) as { body: string };
        const parsed = JSON.parse(body) as Record<string, unknown>;
        mutate(parsed);
        db.prepare('UPDATE audit_events SET body = ? WHERE id = ?').run(canonicalize(parsed), id);
      }),
    setStatusColumn: (id, status) => withDb((db) => void db.prepare('UPDATE audit_events SET status = ? WHERE id = ?').run(status, id)),
    deleteEvent: (id) =>
      withDb((db) => {
        const seq = seqOf(db, id);
        db.prepare('DELETE FROM audit_event_hosts WHERE seq = ?').run(seq);
        db.prepare('DELETE FROM audit_events WHERE seq = ?').run(seq);
      }),
    swapOrder: (a, b) =>
      withDb((db) => {
        const [sa, sb] = [seqOf(db, a), seqOf(db, b)];
        for (const table of ['audit_events', 'audit_event_hosts']) {
          const move = db.prepare(`UPDATE ${table} SET seq = ? WHERE seq = ?`);
          move.run(-1, sa);
          move.run(sa, sb);
          move.run(sb, -1);
        }
      }),
  };
}
