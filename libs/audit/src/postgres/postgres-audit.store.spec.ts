import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeAuditStoreContract } from '../audit-store.contract';
import type { AuditStore } from '../audit-store';
import { auditInput, type AuditStoreHarness, type HarnessOptions } from '../testing/audit-store-harness';
import { PostgresAuditStore } from './postgres-audit.store';
import { postgresTamper } from './postgres-tamper';

// CI guarantees this server; when it is down these specs must fail, not skip.
const SERVER = 'postgres://postgres@127.0.0.1:5432/test';
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let schemaCount = 0;

async function dropSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

async function openPostgresHarness(options: HarnessOptions = {}): Promise<AuditStoreHarness> {
  schemaCount += 1;
  const schema = `audit_t_${runId}_${schemaCount}`;
  const url = `${SERVER}?schema=${schema}`;
  const opened: AuditStore[] = [];
  const openStore = async (storeOptions = {}): Promise<AuditStore> => {
    const store = new PostgresAuditStore(url, storeOptions);
    opened.push(store);
    await store.init();
    return store;
  };
  return {
    store: await openStore(options),
    openSibling: () => openStore(),
    tamper: postgresTamper(SERVER, schema),
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
      await dropSchema(schema);
    },
  };
}

describeAuditStoreContract('PostgreSQL', (options) => openPostgresHarness(options));

describe('PostgresAuditStore', () => {
  it('migrates once when several instances start together, in their own schema', async () => {
    const schema = `audit_t_${runId}_boot`;
    const stores = Array.from({ length: 3 }, () => new PostgresAuditStore(`${SERVER}?schema=${schema}`));
    try {
      await Promise.all(stores.map((store) => store.init()));
      await stores[0]?.append(auditInput());
      const admin = new Client({ connectionString: SERVER });
      await admin.connect();
      const { rows } = await admin.query(`SELECT version FROM "${schema}".audit_migrations`);
      const publicTable = await admin.query("SELECT to_regclass('public.audit_events') AS t");
      await admin.end();
      expect(rows).toEqual([{ version: 1 }]);
      expect(publicTable.rows[0].t).toBeNull();
      expect((await stores[2]?.query({}))?.items).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await dropSchema(schema);
    }
  });

  it('fails init, without leaking the password, when the server is unreachable', async () => {
    const store = new PostgresAuditStore('postgres://postgres:hunter2@127.0.0.1:1/test');
    const failure = await store.init().then(
      () => 'connected',
      (error: unknown) => String((error as Error).message),
    );
    expect(failure).toMatch(/ECONNREFUSED|connect/);
    expect(failure).not.toContain('hunter2');
    await expect(store.append(auditInput())).rejects.toThrow('not initialised');
    await store.close();
  });
});
