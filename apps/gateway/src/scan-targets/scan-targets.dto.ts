import { ApiProperty } from '@nestjs/swagger';
import type { ScanTargetGroup, ScanTargetHost } from './scan-target-groups';

const NULLABLE = { type: String, nullable: true } as const;

export class ScanTargetHostDto implements ScanTargetHost {
  @ApiProperty({ example: 'host-web-1' }) host_id!: string;
  @ApiProperty({ ...NULLABLE, example: 'web-frontend-01' }) host_name!: string | null;
  @ApiProperty({ ...NULLABLE, example: '192.168.10.11' }) private_ip!: string | null;
  @ApiProperty({ ...NULLABLE, example: '94.74.81.21' }) public_ip!: string | null;
  @ApiProperty({ ...NULLABLE, example: 'online', description: "HSS agent_status" }) agent_status!: string | null;
  @ApiProperty({ ...NULLABLE, example: 'opened', description: "HSS protect_status" }) protect_status!: string | null;
  @ApiProperty({ ...NULLABLE, example: 'Linux' }) os_type!: string | null;
  @ApiProperty({ type: [String], description: "the caller's roles that allow scanning this host (each alone; roles never combine)" }) roles!: string[];
}

export class ScanTargetGroupDto implements ScanTargetGroup {
  @ApiProperty({ example: 'ep-web' }) enterprise_project_id!: string;
  @ApiProperty({ ...NULLABLE, example: 'web' }) enterprise_project_name!: string | null;
  @ApiProperty({ type: [String], description: "the caller's roles that allow this enterprise project in the region" }) roles!: string[];
  @ApiProperty({ description: 'hosts of this enterprise project matching the filters, across all pages' }) total_hosts!: number;
  @ApiProperty({ type: [ScanTargetHostDto], description: "this page's hosts of the enterprise project" }) hosts!: ScanTargetHostDto[];
}

export class AllowedScanOptionsDto {
  @ApiProperty({ type: [String], description: 'configured regions where a role allows some scan' }) regions!: string[];
  @ApiProperty({ type: [String], description: 'enterprise projects listed below, for the region' }) enterprise_projects!: string[];
  @ApiProperty({ description: 'whether enterprise_project_id=all_granted_eps is allowed in the region' }) all_granted_eps!: boolean;
  @ApiProperty({ type: [String], example: ['quick', 'custom'], description: "'*' expanded" }) scan_types!: string[];
  @ApiProperty({ type: [String], example: ['manual'], description: "'*' expanded" }) actions!: string[];
}

export class ScanTargetRoleDto {
  @ApiProperty({ example: 'web-scanner' }) role!: string;
  @ApiProperty({ description: 'whether the role can allow some scan in this region' }) applies_in_region!: boolean;
  @ApiProperty({ type: [String], description: "as written in the policy ('*' any)" }) regions!: string[];
  @ApiProperty({ type: [String] }) enterprise_projects!: string[];
  @ApiProperty({ type: [String] }) hosts!: string[];
  @ApiProperty({ type: [String] }) scan_types!: string[];
  @ApiProperty({ type: [String] }) actions!: string[];
  @ApiProperty({ description: 'may read the audit trail' }) audit!: boolean;
}

/** What the caller may scan in one region, from the policy and HSS's host inventory. */
export class ScanTargetsDto {
  @ApiProperty({ example: 'alice' }) subject!: string;
  @ApiProperty({ example: 'cn-north-4', description: 'the region listed (region header, or the default region)' }) region!: string;
  @ApiProperty({ type: AllowedScanOptionsDto }) allowed!: AllowedScanOptionsDto;
  @ApiProperty({ type: [ScanTargetRoleDto], description: "the caller's roles the policy knows" }) roles!: ScanTargetRoleDto[];
  @ApiProperty({ type: [ScanTargetGroupDto] }) enterprise_projects!: ScanTargetGroupDto[];
  @ApiProperty({ description: 'hosts matching the filters, across all pages and enterprise projects' }) total_hosts!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() limit!: number;
}
