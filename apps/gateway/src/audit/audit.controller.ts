import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditPage, AuditStore, VerifyReport } from '@app/audit';
import { AuditExportQueryDto, AuditPageQueryDto, toAuditFilter } from './audit-query.dto';
import { AuditReadGuard } from './audit-read.guard';
import { AUDIT_STORE } from './audit-store.provider';
import { AuditExportService } from './audit-export.service';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(AuditReadGuard)
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    @Inject(AUDIT_STORE) private readonly store: AuditStore,
    private readonly exporter: AuditExportService,
  ) {}

  @Get('events')
  @ApiOkResponse({ description: 'Events, newest first, and the cursor of the next page (null on the last)' })
  events(@Query() query: AuditPageQueryDto): Promise<AuditPage> {
    return this.store.query(toAuditFilter(query));
  }

  @Get('verify')
  @ApiOkResponse({ description: '{ok, checked, first_bad_id}' })
  verify(): Promise<VerifyReport> {
    return this.store.verify();
  }

  @Get('export')
  @ApiProduces('application/x-ndjson', 'text/csv')
  export(@Query() query: AuditExportQueryDto, @Res() res: Response): Promise<void> {
    return this.exporter.stream(toAuditFilter(query), query.format ?? 'ndjson', res);
  }
}
