/** Regions where Huawei's SDKs know an HSS endpoint. */
export const HSS_REGIONS: readonly string[] = Object.freeze([
  'cn-north-9', 'cn-north-1', 'cn-north-4', 'cn-southwest-2', 'cn-east-2', 'cn-east-3', 'cn-east-4',
  'cn-south-1', 'cn-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'na-mexico-1',
  'af-south-1', 'sa-brazil-1', 'la-south-2', 'cn-south-4', 'la-north-2', 'tr-west-1', 'cn-north-2',
  'ap-southeast-4', 'ae-ad-1', 'me-east-1', 'cn-east-5', 'my-kualalumpur-1', 'eu-west-101',
  'ru-moscow-1', 'cn-north-12', 'cn-southwest-3', 'cn-north-11',
]);

// A region id is lower-case words joined by '-': nothing that could end a host name or start a path.
const REGION_ID = /^[a-z]+(?:-[a-z0-9]+)+$/;

const DOMAIN_OVERRIDES: Readonly<Record<string, string>> = { 'eu-west-101': 'myhuaweicloud.eu' };

/** Whether a string has the shape of a region id (not whether the region exists). */
export function isRegionId(region: string): boolean {
  return typeof region === 'string' && REGION_ID.test(region);
}

/** Base URL for a configured region: override (HSS_ENDPOINT) when given, else the official host. */
export function hssBaseUrl(region: string, override?: string): string {
  if (override) {
    return override.replace(/\/+$/, '');
  }
  if (!isRegionId(region)) {
    throw new Error(`Invalid region id: ${JSON.stringify(region)}`);
  }
  const domain = Object.hasOwn(DOMAIN_OVERRIDES, region) ? DOMAIN_OVERRIDES[region] : 'myhuaweicloud.com';
  return `https://hss.${region}.${domain}`;
}

export interface UpstreamTarget {
  region: string;
  projectId: string;
  baseUrl: string;
}

/** Resolves a region ONLY among configured ones; returns undefined for anything else (never builds a URL from caller text). */
export function resolveTarget(
  region: string,
  projectIds: ReadonlyMap<string, string>,
  override?: string,
): UpstreamTarget | undefined {
  if (typeof region !== 'string' || !projectIds.has(region) || !isRegionId(region)) {
    return undefined;
  }
  const projectId = projectIds.get(region);
  if (!projectId) {
    return undefined;
  }
  return { region, projectId, baseUrl: hssBaseUrl(region, override) };
}
