import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ScanTaskQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, description: '"0" (default) is the default enterprise project; "all_granted_eps" means all of them' })
  @IsOptional() @IsString() @Length(1, 256)
  enterprise_project_id?: string;
}
