import type { Request } from 'express';
import type { AuditTarget, AuditUpstream } from '@app/audit';
import type { Caller } from '../auth/caller';

/** What the scan flow learns about a request as it goes, for its audit events. */
export interface ScanAuditContext {
  target: AuditTarget | null;
  request: Record<string, unknown> | null;
  decision: 'allow' | 'deny' | null;
  policyVersion: string | null;
  reason: string | null;
  upstream: AuditUpstream | null;
  /** The final event is tried once; see AuditTrailService.recordFinal. */
  finalAttempted: boolean;
}

/** Express request as the gateway's middleware, guards and services leave it. */
export interface GatewayRequest extends Request {
  id: string;
  user?: Caller;
  bodyError?: Error & { status?: number; type?: string; body?: string };
  scanAudit?: ScanAuditContext;
}
