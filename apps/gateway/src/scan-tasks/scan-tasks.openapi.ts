import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

class FailReasonDto {
  @ApiProperty() host_id!: string;
  @ApiProperty() reason!: string;
}

export class ScanTaskCreatedDto {
  @ApiPropertyOptional() task_id?: string;
  @ApiPropertyOptional() policy_id?: string;
  @ApiPropertyOptional({ description: 'true when every host succeeded' }) result?: boolean;
  @ApiPropertyOptional({ type: [FailReasonDto] }) fail_reasons?: FailReasonDto[];
}

export class ErrorBodyDto {
  @ApiProperty({ example: 403 }) statusCode!: number;
  @ApiProperty({ example: 'Forbidden' }) error!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }) message!: string | string[];
  @ApiProperty() request_id!: string;
  @ApiPropertyOptional({ description: "the upstream's error code, for the upstream's own 4xx" }) error_code?: string;
  @ApiPropertyOptional({ description: "the upstream's error message, for the upstream's own 4xx" }) error_msg?: string;
}

const ERRORS: Array<[number, string]> = [
  [400, 'invalid body, query or region (nothing forwarded); or the upstream\'s own 400 with error_code and error_msg'],
  [401, 'no, forged, expired or alg:none token (nothing forwarded)'],
  [403, 'the policy denies, or a host is not listed by HSS in the enterprise project; the message names what is denied (nothing forwarded)'],
  [404, "the upstream's own 404, with error_code and error_msg"],
  [413, 'request body larger than 64 KiB'],
  [429, 'rate limited by the gateway or the upstream; Retry-After where known'],
  [502, 'upstream 5xx, unreadable reply, reset connection, or the upstream rejected the gateway\'s credentials'],
  [503, 'the audit store cannot record the request or the host inventory cannot be read (nothing forwarded), or the identity provider key set is unreachable'],
  [504, 'the upstream did not answer within UPSTREAM_TIMEOUT_MS'],
];

/** Every error status of the contract, with the one error body shape. */
export const ApiGatewayErrors = () => applyDecorators(...ERRORS.map(([status, description]) => ApiResponse({ status, description, type: ErrorBodyDto })));
