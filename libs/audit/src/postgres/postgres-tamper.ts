import { Client } from 'pg';
import { canonicalize } from '../canonical-json';
import type { AuditTamper } from '../testing/audit-store-harness';
import { quoteIdent } from './postgres-url';

/** Tamper hooks that edit a PostgreSQL audit schema over a separate connection, as an attacker would. */
export function postgresTamper(connectionString: string, schema: string): AuditTamper {
  const withClient = async (edit: (client: Client) => Promise<void>): Promise<void> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      await client.query('BEGIN');
      await edit(client);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };
  return {
    rewriteBody: (id, mutate) =>
      withClient(async (client) => {
        const { rows } = await client.query<{ body: string }>('SELECT body FROM audit_events WHERE id = $1', [id]);
        const parsed = JSON.parse(rows[0]?.body ?? 'null') as Record<string, unknown>;
        mutate(parsed);
        await client.query('UPDATE audit_events SET body = $1 WHERE id = $2', [canonicalize(parsed), id]);
      }),
    setStatusColumn: (id, status) =>
      withClient(async (client) => void (await client.query('UPDATE audit_events SET status = $1 WHERE id = $2', [status, id]))),
    deleteEvent: (id) => withClient(async (client) => void (await client.query('DELETE FROM audit_events WHERE id = $1', [id]))),
    swapOrder: (a, b) =>
      withClient(async (client) => {
        const { rows } = await client.query<{ id: string; seq: string }>('SELECT id, seq FROM audit_events WHERE id IN ($1, $2)', [a, b]);
        const sa = rows.find((r) => r.id === a)?.seq;
        const sb = rows.find((r) => r.id === b)?.seq;
        await client.query('UPDATE audit_events SET seq = -1 WHERE seq = $1', [sa]);
        await client.query('UPDATE audit_events SET seq = $1 WHERE seq = $2', [sa, sb]);
        await client.query('UPDATE audit_events SET seq = $1 WHERE seq = -1', [sb]);
      }),
  };
}
