import { existsSync, readFileSync } from 'node:fs';

/** Names of the secrets whose value occurs in `haystack` (text, or raw bytes such as a database file). */
export function leakedSecrets(haystack: string | Buffer, secrets: Record<string, string>): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return Object.entries(secrets)
    .filter(([, value]) => value.length > 0 && bytes.includes(Buffer.from(value, 'utf8')))
    .map(([name]) => name);
}

/** A SQLite database's bytes, with its WAL and shared-memory files, for scanning. */
export function sqliteFileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}
