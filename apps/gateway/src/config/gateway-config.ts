import type { Secret } from '@app/huawei-cloud';

/** Where the upstream credentials come from: the environment, files re-read on change, or the sandbox. */
export type CredentialSource =
  | { kind: 'env'; ak: Secret; sk: Secret; securityToken?: Secret }
  | { kind: 'files'; akFile: string; skFile: string; securityTokenFile?: string }
  | { kind: 'sandbox'; ak: Secret; sk: Secret; securityToken?: undefined };

export interface AuthConfig {
  jwtSecret?: Secret;
  jwksUri?: string;
  issuer?: string;
  audience?: string;
  rolesClaim: string;
  clockToleranceS: number;
  /** Minimum time between key set fetches (default 30 s); set short only by tests. */
  jwksCooldownMs?: number;
}

/** The gateway's configuration, validated once at start-up. Nothing else reads process.env. */
export interface GatewayConfig {
  mode: 'cloud' | 'sandbox';
  production: boolean;
  port: number;
  credentials: CredentialSource;
  /** region -> project id; insertion order kept: the first region is the default. */
  projectIds: ReadonlyMap<string, string>;
  defaultRegion: string;
  hssEndpoint?: string;
  policyFile: string;
  auth: AuthConfig;
  auditDb: string;
  upstreamTimeoutMs: number;
  rateLimitPerMinute: number;
  hostInventoryTtlS: number;
  /** A listing younger than this is trusted when it misses a host, instead of being fetched again. */
  hostInventoryMissRefreshS: number;
  /** Sandbox mode only: the host inventory the in-process sandbox serves (default: the demo inventory). */
  sandboxHostsFile?: string;
  logLevel: string;
  bodyLimitBytes: number;
}
