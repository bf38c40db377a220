import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of its own (one per app instance). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'gateway_scan_requests_total',
    help: 'Scan task requests by response status and policy decision',
    labelNames: ['status', 'decision'] as const,
    registers: [this.registry],
  });

  readonly upstreamLatency = new Histogram({
    name: 'gateway_upstream_duration_seconds',
    help: 'Upstream HSS call duration by outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly auditAppendLatency = new Histogram({
    name: 'gateway_audit_append_duration_seconds',
    help: 'Time to durably commit one audit event',
    labelNames: ['phase', 'result'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly policyReloads = new Counter({
    name: 'gateway_policy_reloads_total',
    help: 'Policy reload attempts by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly credentialReloads = new Counter({
    name: 'gateway_credential_reloads_total',
    help: 'Credential file reload attempts by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
