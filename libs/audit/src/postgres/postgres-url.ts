export interface PostgresTarget {
  /** The URL pg receives, without the `schema` parameter. */
  connectionString: string;
  /** Schema holding the audit tables, or null for the default search_path. */
  schema: string | null;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Splits the optional `schema` query parameter off a postgres:// URL. Errors
 * never echo the URL: it may carry a password.
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('AUDIT_DB is not a valid postgres:// URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error('AUDIT_DB must start with postgres:// or postgresql://');
  }
  const schema = parsed.searchParams.get('schema');
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new Error('AUDIT_DB schema parameter must be a plain identifier (letters, digits, underscore)');
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** Double-quoted identifier; callers pass only names that matched SCHEMA_NAME. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
