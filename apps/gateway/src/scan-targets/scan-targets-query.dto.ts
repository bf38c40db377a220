import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export const SCAN_TARGETS_DEFAULT_LIMIT = 100;
export const SCAN_TARGETS_MAX_LIMIT = 500;

/** Query of GET /api/v1/antivirus/scan-targets; unknown parameters are rejected by the global pipe. */
export class ScanTargetsQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, description: 'only this enterprise project ("0" default project, "all_granted_eps" all); absent: every one the roles allow' })
  @IsOptional() @IsString() @Length(1, 256)
  enterprise_project_id?: string;

  @ApiPropertyOptional({ maxLength: 256, description: 'hosts whose name contains this (case-insensitive)' })
  @IsOptional() @IsString() @Length(1, 256)
  host_name?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'hosts whose private or public IP contains this' })
  @IsOptional() @IsString() @Length(1, 64)
  ip?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'hosts to skip, counted across enterprise projects in the order listed' })
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: SCAN_TARGETS_MAX_LIMIT, default: SCAN_TARGETS_DEFAULT_LIMIT, description: 'hosts per page' })
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(SCAN_TARGETS_MAX_LIMIT)
  limit?: number;
}
