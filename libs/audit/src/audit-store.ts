import type { AuditEvent, AuditEventInput, AuditPhase } from './audit-event';

/** Filters for reading the trail; every field is optional and they combine with AND. */
export interface AuditFilter {
  request_id?: string;
  /** The actor's subject. */
  actor?: string;
  decision?: 'allow' | 'deny';
  status?: number;
  host_id?: string;
  phase?: AuditPhase;
  /** Inclusive lower bound on `time`. */
  from?: Date;
  /** Inclusive upper bound on `time`. */
  to?: Date;
  /** 1..500, default 100. */
  limit?: number;
  /** Opaque; the `next_cursor` of a previous page. */
  cursor?: string;
}

export type AuditStreamFilter = Omit<AuditFilter, 'limit' | 'cursor'>;

export interface AuditPage {
  items: AuditEvent[];
  next_cursor: string | null;
}

export interface VerifyReport {
  ok: boolean;
  /** Events examined; the walk stops at the first bad one. */
  checked: number;
  /** The oldest event that breaks the chain (for a truncated tail: the missing newest event's id). */
  first_bad_id: string | null;
}

/** The port the gateway writes the audit trail through. */
export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Opens the database and applies migrations. */
  init(): Promise<void>;
  /** Resolves only after the event is durably committed; rejects when it could not be committed. */
  append(event: AuditEventInput): Promise<AuditEvent>;
  /** Newest first; the cursor is a keyset on the internal sequence, stable while new events arrive. */
  query(filter: AuditFilter): Promise<AuditPage>;
  /** Every matching event, newest first, read in bounded batches. */
  stream(filter: AuditStreamFilter): AsyncIterable<AuditEvent>;
  /** Walks the whole chain oldest to newest. */
  verify(): Promise<VerifyReport>;
  /** Throws when the store is not reachable or not writable. */
  ping(): Promise<void>;
  /** Flushes pending appends, then closes. */
  close(): Promise<void>;
}
