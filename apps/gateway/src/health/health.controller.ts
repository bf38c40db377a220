import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { GatewayHealthIndicators } from './gateway-health.indicators';

@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: GatewayHealthIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * 503 with terminus's own body (which check is down, and why) rather than the gateway's
   * error shape: the global filter would otherwise reduce it to "Service Unavailable".
   */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.checks.policyLoaded(), () => this.checks.auditStore(), () => this.checks.credentialsLoaded()]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503);
      return e.getResponse() as HealthCheckResult;
    }
  }
}
