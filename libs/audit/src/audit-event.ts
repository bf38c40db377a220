/** Which step of a request an event records: before forwarding, or the outcome. */
export type AuditPhase = 'forward' | 'final';

/** The policy's answer; null when the policy was never asked (401, 400). */
export type AuditDecision = 'allow' | 'deny' | null;

export interface AuditActor {
  sub: string;
  roles: string[];
  ip: string | null;
  user_agent: string | null;
}

export interface AuditTarget {
  region: string | null;
  project_id: string | null;
  enterprise_project_id: string | null;
  host_ids: string[];
}

export interface AuditUpstream {
  status: number | null;
  request_id: string | null;
  duration_ms: number;
}

/** What the gateway hands to the store; the store adds id, time and the chain fields. */
export interface AuditEventInput {
  request_id: string;
  actor: AuditActor | null;
  /** e.g. 'CreateAntiVirusPaidTask' */
  action: string;
  target: AuditTarget | null;
  /** The validated body only, never headers or tokens. */
  request: Record<string, unknown> | null;
  phase: AuditPhase;
  decision: AuditDecision;
  policy_version: string | null;
  reason: string | null;
  status: number | null;
  upstream: AuditUpstream | null;
}

/** A committed, hash-chained audit event. */
export interface AuditEvent extends AuditEventInput {
  id: string;
  /** ISO 8601 with milliseconds, assigned by the store. */
  time: string;
  prev_hash: string;
  hash: string;
}

/** An event before its hash is computed. */
export type UnhashedAuditEvent = Omit<AuditEvent, 'hash'>;
