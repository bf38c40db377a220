import type { AuditStore } from './audit-store';
import { PostgresAuditStore } from './postgres/postgres-audit.store';
import { SqliteAuditStore } from './sqlite/sqlite-audit.store';

/**
 * Opens the store named by AUDIT_DB syntax: 'sqlite:<path>' (parent directory
 * created by init) or 'postgres://...' / 'postgresql://...' (optional `schema`
 * query parameter). Throws on anything else, without echoing the URL.
 */
export function createAuditStore(url: string): AuditStore {
  if (typeof url !== 'string') throw new Error('AUDIT_DB must be a string');
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path.length === 0) throw new Error('AUDIT_DB sqlite: needs a file path, e.g. sqlite:./data/audit.db');
    return new SqliteAuditStore(path);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return new PostgresAuditStore(url);
  throw new Error('AUDIT_DB must be sqlite:<path> or postgres://...');
}
