import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, MinLength,
} from 'class-validator';
import type { CreateAntiVirusPaidTaskBody, ScanAction, ScanType } from '@app/huawei-cloud';

export const SCAN_TYPES: readonly ScanType[] = ['quick', 'full', 'custom'];
export const SCAN_ACTIONS: readonly ScanAction[] = ['auto', 'manual'];

/** The CreateAntiVirusPaidTask body, with HSS's own rules; unknown fields are rejected by the global pipe. */
export class CreateScanTaskDto {
  @ApiProperty({ minLength: 1, maxLength: 255, example: 'weekly quick scan' })
  @IsString() @Length(1, 255)
  task_name!: string;

  @ApiProperty({ enum: SCAN_TYPES, example: 'quick' })
  @IsIn(SCAN_TYPES)
  scan_type!: ScanType;

  @ApiProperty({ enum: SCAN_ACTIONS, example: 'manual' })
  @IsIn(SCAN_ACTIONS)
  action!: ScanAction;

  @ApiProperty({ type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true, example: ['host-web-1'] })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true, message: 'each value in host_ids must be a non-empty string' })
  host_ids!: string[];

  @ApiPropertyOptional({ type: [Number], items: { type: 'integer', minimum: 0, maximum: 6 }, description: '0 all, 1 executable, 2 archive, 3 script, 4 document, 5 image, 6 audio/video' })
  @IsOptional() @IsArray() @IsInt({ each: true }) @Min(0, { each: true }) @Max(6, { each: true })
  file_types?: number[];

  @ApiPropertyOptional({ description: 'directories separated by ;' })
  @IsOptional() @IsString()
  scan_dir?: string;

  @ApiPropertyOptional({ description: 'directories separated by ;' })
  @IsOptional() @IsString()
  ignore_dir?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "null on create; the existing task's id to rescan" })
  @IsOptional() @IsString() @MinLength(1)
  task_id?: string | null;
}

/** Exactly the validated fields, in a fixed order: the bytes that get signed, forwarded and audited. */
export function toUpstreamBody(dto: CreateScanTaskDto): CreateAntiVirusPaidTaskBody {
  const body: CreateAntiVirusPaidTaskBody = { task_name: dto.task_name, scan_type: dto.scan_type, action: dto.action, host_ids: [...dto.host_ids] };
  if (dto.file_types !== undefined) body.file_types = [...dto.file_types];
  if (dto.scan_dir !== undefined) body.scan_dir = dto.scan_dir;
  if (dto.ignore_dir !== undefined) body.ignore_dir = dto.ignore_dir;
  if (dto.task_id !== undefined) body.task_id = dto.task_id;
  return body;
}
