import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** A throw-away schema for one run: the audit store creates its tables there; drop() removes them afterwards. */
export function benchSchema(baseUrl: string): { url: string; drop(): Promise<void> } {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    async drop() {
      const pool = new Pool({ connectionString: baseUrl, max: 1 });
      try {
        // The name is ours, generated above from hex digits only.
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
