import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HostItem } from '@app/huawei-cloud';

const DEMO_FILE = join('config', 'sandbox-hosts.json');
const OPTIONAL_FIELDS = [
  'host_name',
  'private_ip',
  'public_ip',
  'enterprise_project_id',
  'enterprise_project_name',
  'agent_status',
  'protect_status',
  'os_type',
] as const;

/** Path of the bundled demo inventory, found by walking up from this file (src and dist sit at different depths). */
export function demoHostsFile(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, DEMO_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Sandbox host inventory ${DEMO_FILE} not found above ${__dirname}`);
    dir = parent;
  }
}

/** Reads and validates a host inventory (a JSON array of HostItem); default: config/sandbox-hosts.json. */
export function loadSandboxHosts(file?: string): HostItem[] {
  const path = file ?? demoHostsFile();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read sandbox host inventory ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseHosts(parsed, path);
}

/** Validates an inventory already parsed from JSON; `source` names it in errors. */
export function parseHosts(value: unknown, source: string): HostItem[] {
  if (!Array.isArray(value)) throw new Error(`Sandbox host inventory ${source} must be a JSON array`);
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const where = `Sandbox host inventory ${source}, item ${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`${where} must be an object`);
    const record = item as Record<string, unknown>;
    if (typeof record.host_id !== 'string' || record.host_id === '') throw new Error(`${where}: host_id must be a non-empty string`);
    if (seen.has(record.host_id)) throw new Error(`${where}: duplicate host_id ${record.host_id}`);
    seen.add(record.host_id);
    for (const field of OPTIONAL_FIELDS) {
      if (record[field] !== undefined && typeof record[field] !== 'string') throw new Error(`${where}: ${field} must be a string`);
    }
    return { ...record, host_id: record.host_id } as HostItem;
  });
}

/** Enterprise project of a host; HSS puts hosts without one in the default project "0". */
export function hostProject(host: HostItem): string {
  return host.enterprise_project_id ?? '0';
}

/** Whether a host is visible under an enterprise_project_id query value (absent = "0"). */
export function inEnterpriseProject(host: HostItem, enterpriseProjectId: string): boolean {
  return enterpriseProjectId === 'all_granted_eps' || hostProject(host) === enterpriseProjectId;
}
