import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { AuditFilter } from '@app/audit';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128)
  request_id?: string;

  @ApiPropertyOptional({ description: "the caller's subject" }) @IsOptional() @IsString() @Length(1, 256)
  actor?: string;

  @ApiPropertyOptional({ enum: ['allow', 'deny'] }) @IsOptional() @IsIn(['allow', 'deny'])
  decision?: 'allow' | 'deny';

  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(599)
  status?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 256)
  host_id?: string;

  @ApiPropertyOptional({ enum: ['forward', 'final'] }) @IsOptional() @IsIn(['forward', 'final'])
  phase?: 'forward' | 'final';

  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

export class AuditPageQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  cursor?: string;
}

export class AuditExportQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' }) @IsOptional() @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';
}


/** The store filter for a validated query. */
export function toAuditFilter(q: AuditQueryDto & { limit?: number; cursor?: string }): AuditFilter {
  return {
    request_id: q.request_id,
    actor: q.actor,
    decision: q.decision,
    status: q.status,
    host_id: q.host_id,
    phase: q.phase,
    from: q.from === undefined ? undefined : new Date(q.from),
    to: q.to === undefined ? undefined : new Date(q.to),
    limit: q.limit,
    cursor: q.cursor,
  };
}
