import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HssClient } from '@app/huawei-cloud';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import { CredentialsService } from '../credentials/credentials.service';

/** The one HSS client of the process: keep-alive sockets, credentials read per request. */
@Injectable()
export class HssClientHolder implements OnApplicationShutdown {
  readonly client: HssClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, credentials: CredentialsService) {
    this.client = new HssClient({ timeoutMs: config.upstreamTimeoutMs, credentials: () => credentials.current() });
  }

  onApplicationShutdown(): void {
    this.client.close();
  }
}
