import { Module } from '@nestjs/common';
import { ScanTargetsController } from './scan-targets.controller';
import { ScanTargetsService } from './scan-targets.service';

@Module({ controllers: [ScanTargetsController], providers: [ScanTargetsService] })
export class ScanTargetsModule {}
