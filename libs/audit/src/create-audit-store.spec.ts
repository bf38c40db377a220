import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditStore } from './create-audit-store';
import { PostgresAuditStore } from './postgres/postgres-audit.store';
import { SqliteAuditStore } from './sqlite/sqlite-audit.store';
import { auditInput } from './testing/audit-store-harness';

describe('createAuditStore', () => {
  it('opens SQLite for sqlite:<path>, creating the directory on init', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-factory-'));
    const store = createAuditStore(`sqlite:${join(dir, 'sub', 'audit.db')}`);
    try {
      expect(store).toBeInstanceOf(SqliteAuditStore);
      expect(store.kind).toBe('sqlite');
      await store.init();
      await expect(store.append(auditInput())).resolves.toMatchObject({ action: 'CreateAntiVirusPaidTask' });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens PostgreSQL for postgres:// and postgresql:// without connecting yet', () => {
    expect(createAuditStore('postgres://u@127.0.0.1:5432/db')).toBeInstanceOf(PostgresAuditStore);
    expect(createAuditStore('postgresql://u@127.0.0.1/db?schema=audit').kind).toBe('postgres');
  });

  it.each(['', 'sqlite:', 'mysql://u:secret@h/db', './audit.db', 'postgres://u:secret@h/db?schema=a;drop'])('rejects %j without echoing it', (url) => {
    expect(() => createAuditStore(url)).toThrow(/AUDIT_DB/);
    try {
      createAuditStore(url);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('secret');
    }
  });
});
