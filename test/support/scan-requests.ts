import request from 'supertest';
import type { Response } from 'supertest';
import type { AuditEvent } from '@app/audit';
import { mintToken } from './tokens';

export const SCAN_PATH = '/api/v1/antivirus/pay-per-scan/tasks';

/** A body the demo policy allows for role web-scanner in ep-web. */
export function scanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { task_name: 'nightly quick scan', scan_type: 'quick', action: 'manual', host_ids: ['host-web-1'], ...overrides };
}

export interface ScanCall {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** POSTs to the scan endpoint; by default as alice (web-scanner) in ep-web with an allowed body. */
export function postScan(baseUrl: string, call: ScanCall = {}): Promise<Response> {
  let req = request(baseUrl).post(SCAN_PATH).query(call.query ?? { enterprise_project_id: 'ep-web' });
  const token = call.token === undefined ? mintToken() : call.token;
  if (token !== null) req = req.set('Authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(call.headers ?? {})) req = req.set(k, v);
  if (call.rawBody !== undefined) return req.set('Content-Type', call.headers?.['Content-Type'] ?? 'application/json').send(call.rawBody);
  return req.send((call.body ?? scanBody()) as object);
}

/** Reads the audit trail as an auditor. */
export async function auditEvents(baseUrl: string, query: Record<string, string | number> = {}): Promise<AuditEvent[]> {
  const res = await request(baseUrl)
    .get('/api/v1/audit/events')
    .query({ limit: 500, ...query })
    .set('Authorization', `Bearer ${mintToken({ sub: 'audrey', roles: ['auditor'] })}`);
  if (res.status !== 200) throw new Error(`audit read failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { items: AuditEvent[] }).items;
}

/** The audit events of one request, oldest first. */
export async function eventsFor(baseUrl: string, requestId: string): Promise<AuditEvent[]> {
  return (await auditEvents(baseUrl, { request_id: requestId })).reverse();
}
