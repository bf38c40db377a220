import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { AuditStore } from '@app/audit';
import { AUDIT_STORE } from '../audit/audit-store.provider';
import { CredentialsService } from '../credentials/credentials.service';
import { PolicyService } from '../policy/policy.service';

/** Readiness checks: the policy in force, a writable audit store, and credentials (fingerprint only). */
@Injectable()
export class GatewayHealthIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly policy: PolicyService,
    private readonly credentials: CredentialsService,
    @Inject(AUDIT_STORE) private readonly store: AuditStore,
  ) {}

  policyLoaded() {
    return this.indicators.check('policy').up(this.policy.info());
  }

  async auditStore() {
    const session = this.indicators.check('audit_store');
    try {
      await this.store.ping();
      return session.up({ kind: this.store.kind });
    } catch (e) {
      return session.down({ kind: this.store.kind, message: (e as Error).message.slice(0, 200) });
    }
  }

  credentialsLoaded() {
    return this.indicators.check('credentials').up({ ...this.credentials.info() });
  }
}
