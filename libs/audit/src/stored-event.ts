import type { AuditEvent, UnhashedAuditEvent } from './audit-event';
import type { VerifyReport } from './audit-store';

/** The columns an adapter keeps beside the canonical body so it can filter with indexes. */
export interface IndexColumns {
  id: string;
  time: string;
  request_id: string;
  actor_sub: string | null;
  decision: string | null;
  status: number | null;
  phase: string;
  prev_hash: string;
  /** Sorted, without duplicates. */
  host_ids: string[];
}

/** One row as an adapter reads it back, columns already in their JS form. */
export interface StoredRow {
  seq: number;
  hash: string;
  /** canonicalize(event without hash): the source of truth for reads and verify. */
  body: string;
  columns: IndexColumns;
}

/** The chain head an adapter keeps in one row, updated in every append transaction. */
export interface ChainHead {
  last_seq: number;
  last_hash: string;
  last_id: string | null;
  last_time: string | null;
}

// NUL (PostgreSQL text rejects it) and lone surrogates (UTF-8 cannot encode them).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as an index column holds it. The canonical body keeps the exact value;
 * only the filter columns are adapted, so a crafted host id cannot fail a whole
 * group commit. Filter values pass through the same function.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

/** What verify reports when the head row itself was deleted: the chain's end is unknown. */
export const HEADLESS_REPORT: VerifyReport = Object.freeze({ ok: false, checked: 0, first_bad_id: null });

/** Derives the index columns from an event. */
export function indexColumnsOf(event: UnhashedAuditEvent): IndexColumns {
  const clean = storableText;
  const hosts = event.target?.host_ids ?? [];
  return {
    id: event.id,
    time: event.time,
    request_id: clean(event.request_id),
    actor_sub: event.actor ? clean(event.actor.sub) : null,
    decision: event.decision,
    status: event.status,
    phase: event.phase,
    prev_hash: event.prev_hash,
    host_ids: [...new Set(hosts.map(clean))].sort(),
  };
}

/** Rebuilds an event from its stored body, in the contract's field order (nested objects too). */
export function parseStoredEvent(body: string, hash: string): AuditEvent {
  return toAuditEvent(JSON.parse(body) as UnhashedAuditEvent, hash);
}

/** The event with its hash, in the contract's field order (nested objects too). */
export function toAuditEvent(e: UnhashedAuditEvent, hash: string): AuditEvent {
  return {
    id: e.id,
    time: e.time,
    request_id: e.request_id,
    actor: e.actor && { sub: e.actor.sub, roles: e.actor.roles, ip: e.actor.ip, user_agent: e.actor.user_agent },
    action: e.action,
    target: e.target && {
      region: e.target.region,
      project_id: e.target.project_id,
      enterprise_project_id: e.target.enterprise_project_id,
      host_ids: e.target.host_ids,
    },
    request: e.request,
    phase: e.phase,
    decision: e.decision,
    policy_version: e.policy_version,
    reason: e.reason,
    status: e.status,
    upstream: e.upstream && { status: e.upstream.status, request_id: e.upstream.request_id, duration_ms: e.upstream.duration_ms },
    prev_hash: e.prev_hash,
    hash,
  };
}

/** Later of two ISO times, so `time` never goes backwards along the chain even if clocks do. */
export function laterIso(now: string, previous: string | null): string {
  return previous !== null && previous > now ? previous : now;
}
