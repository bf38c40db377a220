import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditExportService } from './audit-export.service';
import { AuditReadGuard } from './audit-read.guard';
import { AUDIT_STORE, AuditStoreLifecycle, auditStoreProvider } from './audit-store.provider';
import { AuditTrailService } from './audit-trail.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [auditStoreProvider, AuditStoreLifecycle, AuditTrailService, AuditExportService, AuditReadGuard],
  exports: [AUDIT_STORE, AuditTrailService],
})
export class AuditModule {}
