import type { UnhashedAuditEvent } from './audit-event';
import type { VerifyReport } from './audit-store';
import { canonicalize } from './canonical-json';
import { GENESIS_HASH, sha256Hex } from './event-hash';
import { type ChainHead, type IndexColumns, indexColumnsOf, type StoredRow } from './stored-event';

/**
 * Checks stored rows fed oldest to newest, one at a time (constant memory).
 * A row is bad when its body does not hash to its hash (a changed field), its
 * prev_hash is not the previous row's hash (a deleted or moved event), or its
 * index columns disagree with its body (a changed column).
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private checked = 0;
  private firstBad: string | null = null;

  /** Checks the next row; returns false once a bad row was found. */
  check(row: StoredRow): boolean {
    if (this.firstBad !== null) return false;
    this.checked += 1;
    if (!this.isGood(row)) {
      this.firstBad = row.columns.id;
      return false;
    }
    this.expectedPrev = row.hash;
    return true;
  }

  /** The report; `head` catches a truncated tail, which leaves no bad row behind. */
  finish(head: ChainHead): VerifyReport {
    if (this.firstBad !== null) return { ok: false, checked: this.checked, first_bad_id: this.firstBad };
    if (head.last_hash !== this.expectedPrev) return { ok: false, checked: this.checked, first_bad_id: head.last_id };
    return { ok: true, checked: this.checked, first_bad_id: null };
  }

  private isGood(row: StoredRow): boolean {
    let event: UnhashedAuditEvent & { hash?: unknown };
    try {
      event = JSON.parse(row.body) as UnhashedAuditEvent & { hash?: unknown };
      if (event === null || typeof event !== 'object' || 'hash' in event) return false;
      if (sha256Hex(canonicalize(event)) !== row.hash) return false;
      return event.prev_hash === this.expectedPrev && sameColumns(indexColumnsOf(event), row.columns);
    } catch {
      return false;
    }
  }
}

function sameColumns(a: IndexColumns, b: IndexColumns): boolean {
  return (
    a.id === b.id &&
    a.time === b.time &&
    a.request_id === b.request_id &&
    a.actor_sub === b.actor_sub &&
    a.decision === b.decision &&
    a.status === b.status &&
    a.phase === b.phase &&
    a.prev_hash === b.prev_hash &&
    a.host_ids.length === b.host_ids.length &&
    a.host_ids.every((host, i) => host === b.host_ids[i])
  );
}
