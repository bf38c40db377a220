import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { AuditEventInput, AuditPhase, AuditStore } from '@app/audit';
import type { GatewayRequest, ScanAuditContext } from '../common/gateway-request';
import { MetricsService } from '../metrics/metrics.service';
import { AUDIT_STORE } from './audit-store.provider';

export const SCAN_ACTION = 'CreateAntiVirusPaidTask';

/** Writes the scan endpoint's audit events: `forward` before anything leaves, `final` before the response. */
@Injectable()
export class AuditTrailService {
  private readonly logger = new Logger(AuditTrailService.name);

  constructor(
    @Inject(AUDIT_STORE) private readonly store: AuditStore,
    private readonly metrics: MetricsService,
  ) {}

  /** The request's audit context, created on first use. */
  context(req: GatewayRequest): ScanAuditContext {
    req.scanAudit ??= { target: null, request: null, decision: null, policyVersion: null, reason: null, upstream: null, finalAttempted: false };
    return req.scanAudit;
  }

  /** Commits the `forward` event; if it cannot be committed the request must not be forwarded (503). */
  async recordForward(req: GatewayRequest): Promise<void> {
    await this.append(req, 'forward', null);
  }

  /**
   * Commits the one `final` event of a request, with the status about to be sent. It is
   * tried once: after a failed append the outcome is unknown (the row may be committed
   * with only its sync failed), and a retry could record a second final event.
   */
  async recordFinal(req: GatewayRequest, status: number): Promise<void> {
    const ctx = this.context(req);
    if (ctx.finalAttempted) return;
    ctx.finalAttempted = true;
    await this.append(req, 'final', status);
  }

  private async append(req: GatewayRequest, phase: AuditPhase, status: number | null): Promise<void> {
    const started = performance.now();
    try {
      await this.store.append(this.event(req, phase, status));
      this.metrics.auditAppendLatency.observe({ phase, result: 'ok' }, (performance.now() - started) / 1000);
    } catch (e) {
      this.metrics.auditAppendLatency.observe({ phase, result: 'error' }, (performance.now() - started) / 1000);
      this.logger.error({ request_id: req.id, phase, error: (e as Error).message }, 'audit append failed');
      throw new ServiceUnavailableException(this.failureMessage(req, phase));
    }
  }

  /** Says truthfully whether the request already reached HSS: a caller must not blindly retry a paid scan that may exist. */
  private failureMessage(req: GatewayRequest, phase: AuditPhase): string {
    const upstream = this.context(req).upstream;
    if (phase === 'forward' || !upstream) return 'the audit trail cannot record this request; nothing was forwarded';
    return `the request was forwarded (upstream status ${upstream.status ?? 'none'}) but its outcome could not be recorded in the audit trail; check the task before retrying`;
  }

  private event(req: GatewayRequest, phase: AuditPhase, status: number | null): AuditEventInput {
    const ctx = this.context(req);
    const user = req.user;
    const ua = req.headers['user-agent'];
    return {
      request_id: req.id,
      actor: user ? { sub: user.sub, roles: user.roles, ip: req.ip ?? null, user_agent: typeof ua === 'string' ? ua.slice(0, 256) : null } : null,
      action: SCAN_ACTION,
      target: ctx.target,
      request: ctx.request,
      phase,
      decision: ctx.decision,
      policy_version: ctx.policyVersion,
      reason: ctx.reason,
      status,
      upstream: ctx.upstream,
    };
  }
}
