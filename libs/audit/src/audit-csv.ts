import type { AuditEvent } from './audit-event';
import { canonicalize } from './canonical-json';

type Cell = string | number | null;

const COLUMNS: ReadonlyArray<[name: string, read: (e: AuditEvent) => Cell]> = [
  ['id', (e) => e.id],
  ['time', (e) => e.time],
  ['request_id', (e) => e.request_id],
  ['phase', (e) => e.phase],
  ['decision', (e) => e.decision],
  ['status', (e) => e.status],
  ['actor_sub', (e) => e.actor?.sub ?? null],
  ['actor_roles', (e) => (e.actor ? e.actor.roles.join(';') : null)],
  ['actor_ip', (e) => e.actor?.ip ?? null],
  ['actor_user_agent', (e) => e.actor?.user_agent ?? null],
  ['action', (e) => e.action],
  ['region', (e) => e.target?.region ?? null],
  ['project_id', (e) => e.target?.project_id ?? null],
  ['enterprise_project_id', (e) => e.target?.enterprise_project_id ?? null],
  ['host_ids', (e) => (e.target ? e.target.host_ids.join(';') : null)],
  ['request', (e) => (e.request ? canonicalize(e.request) : null)],
  ['policy_version', (e) => e.policy_version],
  ['reason', (e) => e.reason],
  ['upstream_status', (e) => e.upstream?.status ?? null],
  ['upstream_request_id', (e) => e.upstream?.request_id ?? null],
  ['upstream_duration_ms', (e) => e.upstream?.duration_ms ?? null],
  ['prev_hash', (e) => e.prev_hash],
  ['hash', (e) => e.hash],
];

/** The CSV header line (no line terminator; join rows with CRLF per RFC 4180). */
export function toCsvHeader(): string {
  return COLUMNS.map(([name]) => name).join(',');
}

/** One event as a CSV line (no line terminator), RFC 4180 quoted and safe to open in a spreadsheet. */
export function toCsvRow(e: AuditEvent): string {
  return COLUMNS.map(([, read]) => csvCell(read(e))).join(',');
}

/** One CSV field: null is empty; text that a spreadsheet would run as a formula gets a leading quote. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // OWASP CSV injection: = + - @ start formulas; tab and CR do too in some spreadsheet apps.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
