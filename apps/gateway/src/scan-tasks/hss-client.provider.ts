import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HssClient } from '@app/huawei-cloud';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import { CredentialsService } from '../credentials/credentials.service';
import { MeasuredHssClient } from '../metrics/measured-hss-client';
import { MetricsService } from '../metrics/metrics.service';

/** The one HSS client of the process: keep-alive sockets, credentials read per request, every call timed. */
@Injectable()
export class HssClientHolder implements OnApplicationShutdown {
  readonly client: HssClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, credentials: CredentialsService, metrics: MetricsService) {
    this.client = new MeasuredHssClient({ timeoutMs: config.upstreamTimeoutMs, credentials: () => credentials.current() }, metrics.upstreamLatency);
  }

  onApplicationShutdown(): void {
    this.client.close();
  }
}
