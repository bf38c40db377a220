import { Global, Module } from '@nestjs/common';
import { ScanTasksModule } from '../scan-tasks/scan-tasks.module';
import { HostInventoryService } from './host-inventory.service';

/** Global so the scan flow can check ownership without ScanTasksModule importing this module back. */
@Global()
@Module({
  imports: [ScanTasksModule],
  providers: [HostInventoryService],
  exports: [HostInventoryService],
})
export class InventoryModule {}
