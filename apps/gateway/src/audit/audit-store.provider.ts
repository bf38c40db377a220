import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { createAuditStore, type AuditStore } from '@app/audit';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';

export const AUDIT_STORE = Symbol('AUDIT_STORE');

/** Opens the store at start-up (migrations included) and flushes it last on shutdown. */
@Injectable()
export class AuditStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuditStore');
  constructor(@Inject(AUDIT_STORE) private readonly store: AuditStore) {}

  async onModuleInit(): Promise<void> {
    await this.store.init();
    this.logger.log({ kind: this.store.kind }, 'audit store ready');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export const auditStoreProvider: Provider = {
  provide: AUDIT_STORE,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig): AuditStore => createAuditStore(config.auditDb),
};
