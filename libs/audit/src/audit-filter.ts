import type { AuditPhase } from './audit-event';
import type { AuditFilter } from './audit-store';
import { storableText } from './stored-event';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

/** Thrown for an invalid filter, limit or cursor, so the API can answer 400. */
export class AuditFilterError extends Error {
  override readonly name = 'AuditFilterError';
}

/** A checked filter, as the adapters turn it into SQL (text already as the index columns hold it). */
export interface NormalizedFilter {
  request_id?: string;
  actor?: string;
  decision?: 'allow' | 'deny';
  status?: number;
  host_id?: string;
  phase?: AuditPhase;
  /** ISO strings, comparable as text and by the database. */
  from?: string;
  to?: string;
  limit: number;
  /** Only events with a smaller sequence number (the keyset). */
  before_seq?: number;
}

/** Checks a filter and fills in the default limit; throws AuditFilterError. */
export function normalizeFilter(filter: AuditFilter): NormalizedFilter {
  const out: NormalizedFilter = { limit: DEFAULT_LIMIT };
  if (filter.request_id !== undefined) out.request_id = text(filter.request_id, 'request_id');
  if (filter.actor !== undefined) out.actor = text(filter.actor, 'actor');
  if (filter.host_id !== undefined) out.host_id = text(filter.host_id, 'host_id');
  if (filter.decision !== undefined) {
    if (filter.decision !== 'allow' && filter.decision !== 'deny') throw new AuditFilterError('decision must be allow or deny');
    out.decision = filter.decision;
  }
  if (filter.phase !== undefined) {
    if (filter.phase !== 'forward' && filter.phase !== 'final') throw new AuditFilterError('phase must be forward or final');
    out.phase = filter.phase;
  }
  if (filter.status !== undefined) {
    if (!Number.isInteger(filter.status)) throw new AuditFilterError('status must be an integer');
    out.status = filter.status;
  }
  if (filter.from !== undefined) out.from = isoDate(filter.from, 'from');
  if (filter.to !== undefined) out.to = isoDate(filter.to, 'to');
  if (filter.limit !== undefined) {
    if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > MAX_LIMIT) {
      throw new AuditFilterError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    }
    out.limit = filter.limit;
  }
  if (filter.cursor !== undefined) out.before_seq = decodeCursor(filter.cursor);
  return out;
}

/** Opaque cursor for "events older than this sequence number". */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq), 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor; throws AuditFilterError on anything else. */
export function decodeCursor(cursor: string): number {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) throw new AuditFilterError('invalid cursor');
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9][0-9]{0,15}$/.test(decoded) || encodeCursor(Number(decoded)) !== cursor) throw new AuditFilterError('invalid cursor');
  const seq = Number(decoded);
  if (!Number.isSafeInteger(seq)) throw new AuditFilterError('invalid cursor');
  return seq;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new AuditFilterError(`${field} must be a non-empty string`);
  return storableText(value);
}

function isoDate(value: unknown, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new AuditFilterError(`${field} must be a valid date`);
  // Stored times compare as text, which only holds for four-digit years.
  const year = value.getUTCFullYear();
  if (year < 0 || year > 9999) throw new AuditFilterError(`${field} must be between years 0000 and 9999`);
  return value.toISOString();
}
