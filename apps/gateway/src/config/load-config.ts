import { randomBytes } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { loadSandboxHosts } from '@app/hss-sandbox';
import { Secret } from '@app/huawei-cloud';
import { Environment } from './environment';
import type { CredentialSource, GatewayConfig } from './gateway-config';

/** Start-up refusal: the message names the offending variable(s) and never their values. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const SANDBOX_PROJECT_IDS = 'cn-north-4=sandbox-cn-north-4,eu-west-101=sandbox-eu-west-101';
const BODY_LIMIT_BYTES = 64 * 1024;

function describe(errors: ValidationError[]): string {
  return errors.map((e) => Object.values(e.constraints ?? {}).join(', ') || `${e.property} is invalid`).join('; ');
}

/** Parses `region=project,region=project`; the first region becomes the default. */
export function parseProjectIds(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of text.split(',')) {
    const [region, projectId] = pair.split('=').map((s) => s.trim());
    if (map.has(region)) throw new ConfigError(`HUAWEICLOUD_PROJECT_IDS names region ${region} twice`);
    map.set(region, projectId);
  }
  return map;
}

function credentialSource(env: Environment): CredentialSource | undefined {
  if (env.CLOUD_SDK_AK !== undefined && env.CLOUD_SDK_AK_FILE !== undefined) {
    throw new ConfigError('set either CLOUD_SDK_AK or CLOUD_SDK_AK_FILE, not both');
  }
  if (env.CLOUD_SDK_AK !== undefined && env.CLOUD_SDK_SK !== undefined) {
    return {
      kind: 'env',
      ak: new Secret(env.CLOUD_SDK_AK),
      sk: new Secret(env.CLOUD_SDK_SK),
      securityToken: env.CLOUD_SDK_SECURITY_TOKEN === undefined ? undefined : new Secret(env.CLOUD_SDK_SECURITY_TOKEN),
    };
  }
  if (env.CLOUD_SDK_AK_FILE !== undefined && env.CLOUD_SDK_SK_FILE !== undefined) {
    return { kind: 'files', akFile: env.CLOUD_SDK_AK_FILE, skFile: env.CLOUD_SDK_SK_FILE, securityTokenFile: env.CLOUD_SDK_SECURITY_TOKEN_FILE };
  }
  if (env.CLOUD_SDK_SK !== undefined || env.CLOUD_SDK_SK_FILE !== undefined) {
    throw new ConfigError('CLOUD_SDK_SK is set without CLOUD_SDK_AK (or CLOUD_SDK_SK_FILE without CLOUD_SDK_AK_FILE)');
  }
  return undefined;
}

/** Sandbox mode signs with a throw-away key pair that only the in-process sandbox accepts. */
function sandboxCredentials(): CredentialSource {
  return { kind: 'sandbox', ak: new Secret(`SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`), sk: new Secret(randomBytes(24).toString('base64url')) };
}

/** A bad sandbox inventory stops start-up like any other bad setting (it is read again when the sandbox starts). */
function checkSandboxHosts(file: string): void {
  try {
    loadSandboxHosts(file);
  } catch (e) {
    throw new ConfigError(`SANDBOX_HOSTS_FILE: ${(e as Error).message}`);
  }
}

/** Validates the environment into a typed config, or throws ConfigError naming the bad variable. */
export function loadConfig(raw: NodeJS.ProcessEnv): GatewayConfig {
  const env = plainToInstance(Environment, { ...raw }, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(`invalid configuration: ${describe(errors)}`);

  const production = env.NODE_ENV === 'production';
  const credentials = credentialSource(env);
  if (!credentials && production) {
    throw new ConfigError(
      'NODE_ENV=production requires credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK (or CLOUD_SDK_AK_FILE and CLOUD_SDK_SK_FILE)',
    );
  }
  const mode = credentials ? 'cloud' : 'sandbox';
  if (mode === 'cloud' && env.HUAWEICLOUD_PROJECT_IDS === undefined) {
    throw new ConfigError('HUAWEICLOUD_PROJECT_IDS is required with credentials (region=project_id pairs)');
  }
  if (mode === 'cloud' && env.AUTH_JWT_SECRET === undefined && env.AUTH_JWKS_URI === undefined) {
    throw new ConfigError('AUTH_JWT_SECRET or AUTH_JWKS_URI is required with credentials');
  }
  if (mode === 'sandbox' && env.SANDBOX_HOSTS_FILE !== undefined) checkSandboxHosts(env.SANDBOX_HOSTS_FILE);
  const projectIds = parseProjectIds(env.HUAWEICLOUD_PROJECT_IDS ?? SANDBOX_PROJECT_IDS);

  return {
    mode,
    production,
    port: env.PORT,
    credentials: credentials ?? sandboxCredentials(),
    projectIds,
    defaultRegion: projectIds.keys().next().value as string,
    hssEndpoint: mode === 'cloud' ? env.HSS_ENDPOINT : undefined,
    policyFile: env.POLICY_FILE ?? (mode === 'sandbox' ? 'config/policy.example.yaml' : 'config/policy.yaml'),
    auth: {
      jwtSecret:
        env.AUTH_JWT_SECRET !== undefined
          ? new Secret(env.AUTH_JWT_SECRET)
          : mode === 'sandbox' && env.AUTH_JWKS_URI === undefined
            ? new Secret(randomBytes(32).toString('base64url'))
            : undefined,
      jwksUri: env.AUTH_JWKS_URI,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
      rolesClaim: env.AUTH_ROLES_CLAIM,
      clockToleranceS: 30,
    },
    auditDb: env.AUDIT_DB,
    upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    hostInventoryTtlS: env.HOST_INVENTORY_TTL_S,
    hostInventoryMissRefreshS: env.HOST_INVENTORY_MISS_REFRESH_S,
    sandboxHostsFile: mode === 'sandbox' ? env.SANDBOX_HOSTS_FILE : undefined,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: BODY_LIMIT_BYTES,
  };
}
