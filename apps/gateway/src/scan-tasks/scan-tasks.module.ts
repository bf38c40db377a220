import { Module } from '@nestjs/common';
import { HssClientHolder } from './hss-client.provider';
import { ScanTasksController } from './scan-tasks.controller';
import { ScanTasksService } from './scan-tasks.service';

@Module({
  controllers: [ScanTasksController],
  providers: [ScanTasksService, HssClientHolder],
  exports: [HssClientHolder],
})
export class ScanTasksModule {}
