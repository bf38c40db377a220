import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The environment variables the gateway reads, with their rules (README "Configuration"). */
export class Environment {
  @IsOptional() @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @Transform(blankToUndefined) @IsOptional() @IsString() @MinLength(1)
  CLOUD_SDK_AK?: string;

  @Transform(blankToUndefined) @ValidateIf((e: Environment) => e.CLOUD_SDK_AK !== undefined) @IsString() @MinLength(1, { message: 'CLOUD_SDK_SK is required with CLOUD_SDK_AK' })
  CLOUD_SDK_SK?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  CLOUD_SDK_SECURITY_TOKEN?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  CLOUD_SDK_AK_FILE?: string;

  @Transform(blankToUndefined) @ValidateIf((e: Environment) => e.CLOUD_SDK_AK_FILE !== undefined) @IsString({ message: 'CLOUD_SDK_SK_FILE is required with CLOUD_SDK_AK_FILE' })
  CLOUD_SDK_SK_FILE?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  CLOUD_SDK_SECURITY_TOKEN_FILE?: string;

  @Transform(blankToUndefined) @IsOptional()
  @Matches(/^\s*[a-z0-9-]+\s*=\s*[A-Za-z0-9_-]{1,256}\s*(,\s*[a-z0-9-]+\s*=\s*[A-Za-z0-9_-]{1,256}\s*)*$/, {
    message: 'HUAWEICLOUD_PROJECT_IDS must be region=project_id pairs separated by commas',
  })
  HUAWEICLOUD_PROJECT_IDS?: string;

  @Transform(blankToUndefined) @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'HSS_ENDPOINT must be an http(s) URL' })
  HSS_ENDPOINT?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  POLICY_FILE?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString() @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  @Transform(blankToUndefined) @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'AUTH_JWKS_URI must be an http(s) URL' })
  AUTH_JWKS_URI?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  AUTH_JWT_ISSUER?: string;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  AUTH_JWT_AUDIENCE?: string;

  @Transform(blankToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9_:/.-]+$/, { message: 'AUTH_ROLES_CLAIM must be a claim name or a dotted path' })
  AUTH_ROLES_CLAIM: string = 'roles';

  @Transform(blankToUndefined) @IsOptional() @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { message: 'AUDIT_DB must be sqlite:<path> or postgres://...' })
  AUDIT_DB: string = 'sqlite:./data/audit.db';

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(300000)
  UPSTREAM_TIMEOUT_MS: number = 10000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 600;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  HOST_INVENTORY_TTL_S: number = 60;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  HOST_INVENTORY_MISS_REFRESH_S: number = 0;

  @Transform(blankToUndefined) @IsOptional() @IsString()
  SANDBOX_HOSTS_FILE?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}
