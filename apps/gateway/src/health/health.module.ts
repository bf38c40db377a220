import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GatewayHealthIndicators } from './gateway-health.indicators';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [GatewayHealthIndicators] })
export class HealthModule {}
