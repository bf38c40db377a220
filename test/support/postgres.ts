import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A PostgreSQL audit store URL in a schema of its own, and a way to drop that schema after the test. */
export function postgresAuditUrl(prefix = 'gw'): { url: string; schema: string; drop(): Promise<void> } {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  return {
    url: `${TEST_PG_URL}?schema=${schema}`,
    schema,
    async drop() {
      const client = new Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
