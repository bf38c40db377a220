import { Controller, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CreateAntiVirusPaidTaskResponse } from '@app/huawei-cloud';
import type { GatewayRequest } from '../common/gateway-request';
import { JsonObjectBody } from '../common/json-object-body.decorator';
import { ApiGatewayErrors, ScanTaskCreatedDto } from './scan-tasks.openapi';
import { CreateScanTaskDto } from './create-scan-task.dto';
import { ScanTaskQueryDto } from './scan-task-query.dto';
import { ScanTasksService } from './scan-tasks.service';

@ApiTags('antivirus')
@ApiBearerAuth()
@Controller('api/v1/antivirus/pay-per-scan/tasks')
export class ScanTasksController {
  constructor(private readonly scanTasks: ScanTasksService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a paid antivirus scan (HSS CreateAntiVirusPaidTask), signed and forwarded by the gateway' })
  @ApiHeader({ name: 'region', required: false, description: 'one of the configured regions; absent means the default region' })
  @ApiHeader({ name: 'X-Request-Id', required: false, description: 'a well-formed id ([A-Za-z0-9._:-]{8,128}) is echoed' })
  @ApiBody({ type: CreateScanTaskDto })
  @ApiResponse({ status: 200, type: ScanTaskCreatedDto, description: "the upstream's JSON body; header X-Upstream-Request-Id" })
  @ApiGatewayErrors()
  async create(
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('region') region: string | undefined,
    @Query() query: ScanTaskQueryDto,
    @JsonObjectBody() body: CreateScanTaskDto,
  ): Promise<CreateAntiVirusPaidTaskResponse> {
    const created = await this.scanTasks.create(req, region, query.enterprise_project_id, body);
    if (created.upstreamRequestId) res.setHeader('X-Upstream-Request-Id', created.upstreamRequestId);
    return created.body;
  }
}
