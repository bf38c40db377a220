import { ConfigError, loadConfig, parseProjectIds } from './load-config';

const CLOUD = {
  CLOUD_SDK_AK: 'AKEXAMPLE000000001',
  CLOUD_SDK_SK: 'sk-example-0000000000000000000000',
  HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=p1,eu-west-101=p2',
  AUTH_JWT_SECRET: 'a-secret-that-is-long-enough-000000000',
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected loadConfig to refuse');
}

describe('loadConfig', () => {
  it('applies the contract defaults in sandbox mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox', production: false, port: 3000, auditDb: 'sqlite:./data/audit.db', upstreamTimeoutMs: 10000,
      policyFile: 'config/policy.example.yaml', defaultRegion: 'cn-north-4', hostInventoryTtlS: 60, auth: { rolesClaim: 'roles' },
    });
    expect(config.credentials.kind).toBe('sandbox');
    expect(config.auth.jwtSecret?.reveal()).toHaveLength(43); // generated, 32 random bytes
  });

  it('reads a cloud configuration; the first region is the default', () => {
    const config = loadConfig({ ...CLOUD, PORT: '8080', UPSTREAM_TIMEOUT_MS: '2500', HSS_ENDPOINT: 'https://hss.internal.example' });
    expect(config).toMatchObject({ mode: 'cloud', port: 8080, upstreamTimeoutMs: 2500, defaultRegion: 'cn-north-4', policyFile: 'config/policy.yaml', hssEndpoint: 'https://hss.internal.example' });
    expect([...config.projectIds]).toEqual([['cn-north-4', 'p1'], ['eu-west-101', 'p2']]);
    expect(config.credentials.kind).toBe('env');
    expect(JSON.stringify(config)).not.toContain(CLOUD.CLOUD_SDK_SK);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ UPSTREAM_TIMEOUT_MS: '5' }, /UPSTREAM_TIMEOUT_MS/],
    [{ UPSTREAM_TIMEOUT_MS: 'abc' }, /UPSTREAM_TIMEOUT_MS must be an integer number/],
    [{ HOST_INVENTORY_MISS_REFRESH_S: '-1' }, /HOST_INVENTORY_MISS_REFRESH_S/],
    [{ AUDIT_DB: 'mysql://x' }, /AUDIT_DB must be sqlite:<path> or postgres:\/\/\.\.\./],
    [{ HSS_ENDPOINT: 'ftp://x' }, /HSS_ENDPOINT must be an http\(s\) URL/],
    [{ AUTH_JWT_SECRET: 'short' }, /AUTH_JWT_SECRET must be at least 32 characters/],
    [{ AUTH_JWKS_URI: 'not a url' }, /AUTH_JWKS_URI must be an http\(s\) URL/],
    [{ HUAWEICLOUD_PROJECT_IDS: 'cn-north-4' }, /HUAWEICLOUD_PROJECT_IDS must be region=project_id pairs/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(refusal({ ...CLOUD, ...env })).toMatch(message);
  });

  it('never puts a secret value in the refusal', () => {
    expect(refusal({ ...CLOUD, AUTH_JWT_SECRET: 'short-secret-value' })).not.toContain('short-secret-value');
  });

  it.each([
    [{ NODE_ENV: 'production' }, /NODE_ENV=production requires credentials/],
    [{ CLOUD_SDK_AK: 'AK' }, /CLOUD_SDK_SK is required with CLOUD_SDK_AK/],
    [{ CLOUD_SDK_SK: 'SK' }, /CLOUD_SDK_SK is set without CLOUD_SDK_AK/],
    [{ CLOUD_SDK_AK: 'AK', CLOUD_SDK_SK: 'SK', AUTH_JWT_SECRET: CLOUD.AUTH_JWT_SECRET }, /HUAWEICLOUD_PROJECT_IDS is required with credentials/],
    [{ CLOUD_SDK_AK: 'AK', CLOUD_SDK_SK: 'SK', HUAWEICLOUD_PROJECT_IDS: 'cn-north-4=p' }, /AUTH_JWT_SECRET or AUTH_JWKS_URI is required/],
    [{ ...CLOUD, CLOUD_SDK_AK_FILE: '/run/secrets/ak', CLOUD_SDK_SK_FILE: '/run/secrets/sk' }, /either CLOUD_SDK_AK or CLOUD_SDK_AK_FILE/],
  ])('refuses an incomplete setup: %o', (env, message) => {
    expect(refusal(env as Record<string, string>)).toMatch(message);
  });

  it('takes credentials from files', () => {
    const { CLOUD_SDK_AK: _ak, CLOUD_SDK_SK: _sk, ...rest } = CLOUD;
    const config = loadConfig({ ...rest, CLOUD_SDK_AK_FILE: '/run/secrets/ak', CLOUD_SDK_SK_FILE: '/run/secrets/sk' });
    expect(config.credentials).toEqual({ kind: 'files', akFile: '/run/secrets/ak', skFile: '/run/secrets/sk', securityTokenFile: undefined });
  });

  it('rejects a region named twice', () => {
    expect(() => parseProjectIds('cn-north-4=a,cn-north-4=b')).toThrow('HUAWEICLOUD_PROJECT_IDS names region cn-north-4 twice');
  });
});
