import { unwatchFile, watchFile } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { canReadAudit, evaluate, loadPolicyFile, type Decision, type Policy, type ScanRequestFacts } from '@app/policy';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import { MetricsService } from '../metrics/metrics.service';

const POLL_MS = 1000;

/**
 * The policy in force. Reloaded when the file changes or on SIGHUP; the new policy is
 * validated first and swapped in with one assignment, so a request sees either the old
 * or the new policy, never a mix. An invalid file keeps the last good policy.
 */
@Injectable()
export class PolicyService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PolicyService.name);
  private policy!: Policy;
  private loadedAt = new Date();
  private readonly onSighup = () => this.reload('SIGHUP');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    // An invalid policy at start-up stops the process: loadPolicyFile throws a PolicyError naming the problem.
    this.policy = loadPolicyFile(this.config.policyFile);
    watchFile(this.config.policyFile, { interval: POLL_MS, persistent: false }, () => this.reload('file change'));
    process.on('SIGHUP', this.onSighup);
  }

  onApplicationShutdown(): void {
    unwatchFile(this.config.policyFile);
    process.off('SIGHUP', this.onSighup);
  }

  current(): Policy {
    return this.policy;
  }

  /** What /health/ready shows about the policy in force. */
  info(): { file: string; version: string; roles: number; loaded_at: string } {
    return { file: this.config.policyFile, version: this.policy.version, roles: Object.keys(this.policy.roles).length, loaded_at: this.loadedAt.toISOString() };
  }

  /** Asks the policy in force; one read of the field, so a reload mid-request cannot mix two policies. */
  evaluate(roles: readonly string[], facts: ScanRequestFacts): Decision & { policyVersion: string } {
    const policy = this.policy;
    const decision = evaluate(policy, roles, facts);
    // Logged during the request, so nestjs-pino adds its request id.
    this.logger.debug({ allow: decision.allow, roles, policy_version: policy.version }, 'policy evaluated');
    return { ...decision, policyVersion: policy.version };
  }

  canReadAudit(roles: readonly string[]): boolean {
    return canReadAudit(this.policy, roles);
  }

  /** Loads, validates and swaps in the policy file; returns false (and keeps the old one) when it is invalid. */
  reload(trigger: string): boolean {
    try {
      const next = loadPolicyFile(this.config.policyFile);
      const changed = next.version !== this.policy.version;
      this.policy = next;
      this.loadedAt = new Date();
      this.metrics.policyReloads.inc({ result: 'ok' });
      if (changed) this.logger.log({ trigger, policy_version: next.version }, 'policy reloaded');
      else this.logger.debug({ trigger, policy_version: next.version }, 'policy reloaded, unchanged');
      return true;
    } catch (e) {
      this.metrics.policyReloads.inc({ result: 'error' });
      this.logger.error({ trigger, error: (e as Error).message }, 'policy reload failed; keeping the last good policy');
      return false;
    }
  }
}
