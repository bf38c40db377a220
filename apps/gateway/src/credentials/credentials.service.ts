import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Secret, type Credentials } from '@app/huawei-cloud';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import { MetricsService } from '../metrics/metrics.service';

export interface CredentialsInfo {
  source: GatewayConfig['credentials']['kind'];
  ak_fingerprint: string;
  temporary: boolean;
  loaded_at: string;
}

const POLL_MS = 1000;
/** AK and SK files rarely change in the same poll: wait for the writes to settle so no request signs with a mixed pair. */
const SETTLE_MS = 300;

function readSecret(file: string, variable: string): Secret {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new Error(`${variable}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`, { cause: e });
  }
  if (text.length === 0) throw new Error(`${variable}: ${file} is empty`);
  return new Secret(text);
}

/**
 * Holds the upstream credentials. File-based credentials are re-read when a file
 * changes; a request takes one snapshot at its start, so in-flight requests finish
 * with the credentials they started with.
 */
@Injectable()
export class CredentialsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CredentialsService.name);
  private credentials!: Credentials;
  private loadedAt = new Date();
  private watched: string[] = [];
  private pending?: NodeJS.Timeout;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.load();
    const source = this.config.credentials;
    if (source.kind !== 'files') return;
    this.watched = [source.akFile, source.skFile, source.securityTokenFile].filter((f): f is string => f !== undefined);
    for (const file of this.watched) watchFile(file, { interval: POLL_MS, persistent: false }, () => this.scheduleReload());
  }

  onApplicationShutdown(): void {
    clearTimeout(this.pending);
    for (const file of this.watched) unwatchFile(file);
  }

  /** The credentials to sign one request with. */
  current(): Credentials {
    return this.credentials;
  }

  /** What /health/ready shows: where the credentials came from and a fingerprint of the AK, never a key. */
  info(): CredentialsInfo {
    return {
      source: this.config.credentials.kind,
      ak_fingerprint: this.credentials.ak.fingerprint(),
      temporary: this.credentials.securityToken !== undefined,
      loaded_at: this.loadedAt.toISOString(),
    };
  }

  /** Re-reads file credentials; a failed read keeps the last good set. */
  reload(): boolean {
    try {
      this.load();
      this.metrics.credentialReloads.inc({ result: 'ok' });
      this.logger.log({ ak_fingerprint: this.credentials.ak.fingerprint() }, 'credentials reloaded');
      return true;
    } catch (e) {
      this.metrics.credentialReloads.inc({ result: 'error' });
      this.logger.error(`credentials reload failed, keeping the previous ones: ${(e as Error).message}`);
      return false;
    }
  }

  private scheduleReload(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.reload(), SETTLE_MS);
    this.pending.unref();
  }

  private load(): void {
    const source = this.config.credentials;
    if (source.kind === 'files') {
      this.credentials = {
        ak: readSecret(source.akFile, 'CLOUD_SDK_AK_FILE'),
        sk: readSecret(source.skFile, 'CLOUD_SDK_SK_FILE'),
        securityToken: source.securityTokenFile ? readSecret(source.securityTokenFile, 'CLOUD_SDK_SECURITY_TOKEN_FILE') : undefined,
      };
    } else {
      this.credentials = { ak: source.ak, sk: source.sk, securityToken: source.securityToken };
    }
    this.loadedAt = new Date();
  }
}
