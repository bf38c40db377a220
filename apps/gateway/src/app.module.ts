import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { CallerThrottlerGuard } from './common/caller-throttler.guard';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { loggerParams } from './common/logging';
import { createValidationPipe } from './common/validation';
import { ConfigModule } from './config/config.module';
import type { GatewayConfig } from './config/gateway-config';
import { CredentialsModule } from './credentials/credentials.module';
import { HealthModule } from './health/health.module';
import { InventoryModule } from './inventory/inventory.module';
import { MetricsModule } from './metrics/metrics.module';
import { PolicyModule } from './policy/policy.module';
import { ScanTargetsModule } from './scan-targets/scan-targets.module';
import { ScanTasksModule } from './scan-tasks/scan-tasks.module';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }] }),
        MetricsModule,
        CredentialsModule,
        PolicyModule,
        AuditModule,
        AuthModule,
        ScanTasksModule,
        InventoryModule,
        ScanTargetsModule,
        HealthModule,
      ],
      providers: [
        // Global guards run in this order: authenticate, then rate limit per subject.
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
