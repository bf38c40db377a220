export type {
  AuditActor,
  AuditDecision,
  AuditEvent,
  AuditEventInput,
  AuditPhase,
  AuditTarget,
  AuditUpstream,
  UnhashedAuditEvent,
} from './audit-event';
export type { AuditFilter, AuditPage, AuditStore, AuditStreamFilter, VerifyReport } from './audit-store';
export { AuditFilterError, DEFAULT_LIMIT, MAX_LIMIT } from './audit-filter';
export { AuditEventError } from './event-input';
export { AuditStoreClosedError } from './group-commit';
export { canonicalize } from './canonical-json';
export { GENESIS_HASH, hashEvent } from './event-hash';
export { toCsvHeader, toCsvRow } from './audit-csv';
export { createAuditStore } from './create-audit-store';
export { SqliteAuditStore, type SqliteAuditStoreOptions } from './sqlite/sqlite-audit.store';
export { PostgresAuditStore, type PostgresAuditStoreOptions } from './postgres/postgres-audit.store';
