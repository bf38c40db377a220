import { Controller, Get, Headers, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { GatewayRequest } from '../common/gateway-request';
import { ErrorBodyDto } from '../scan-tasks/scan-tasks.openapi';
import { ScanTargetsDto } from './scan-targets.dto';
import { ScanTargetsQueryDto } from './scan-targets-query.dto';
import { ScanTargetsService } from './scan-targets.service';

@ApiTags('antivirus')
@ApiBearerAuth()
@Controller('api/v1/antivirus/scan-targets')
export class ScanTargetsController {
  constructor(private readonly scanTargets: ScanTargetsService) {}

  @Get()
  @ApiOperation({
    summary: 'What the caller may scan in a region: per enterprise project, the HSS hosts their roles allow, and per role why',
  })
  @ApiHeader({ name: 'region', required: false, description: 'one of the configured regions; absent means the default region' })
  @ApiOkResponse({ type: ScanTargetsDto })
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'invalid query or region' })
  @ApiResponse({ status: 401, type: ErrorBodyDto, description: 'no, forged or expired token' })
  @ApiResponse({ status: 429, type: ErrorBodyDto, description: 'rate limited' })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'the HSS host inventory cannot be read (nothing is guessed)' })
  list(@Req() req: GatewayRequest, @Headers('region') region: string | undefined, @Query() query: ScanTargetsQueryDto): Promise<ScanTargetsDto> {
    return this.scanTargets.list(req.user!, region, query);
  }
}
