import { createHash } from 'node:crypto';
import type { UnhashedAuditEvent } from './audit-event';
import { canonicalize } from './canonical-json';

/** The `prev_hash` of the first event in a chain: 64 zeros. */
export const GENESIS_HASH: string = '0'.repeat(64);

/** Hex SHA-256 of the canonical event, including `id`, `time` and `prev_hash`. */
export function hashEvent(event: UnhashedAuditEvent): string {
  // A full AuditEvent may be passed; its own hash must never feed into itself.
  const { hash: _hash, ...unhashed } = event as UnhashedAuditEvent & { hash?: unknown };
  return sha256Hex(canonicalize(unhashed));
}

/** Hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
