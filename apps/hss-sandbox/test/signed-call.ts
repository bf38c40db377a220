import { Secret, signRequest } from '@app/huawei-cloud';
import type { RunningSandbox } from '@app/hss-sandbox';

export const PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const AK = 'SANDBOXTESTAK0000001';
export const SK = 'sandbox-test-secret-key-do-not-use-0001';
export const TASKS_PATH = `/v5/${PROJECT_ID}/antivirus/pay-per-scan/tasks`;
export const HOSTS_PATH = `/v5/${PROJECT_ID}/host-management/hosts`;

export interface CallOptions {
  method?: string;
  /** Path plus query. */
  path: string;
  /** An object is sent as JSON; a string is sent verbatim. */
  body?: unknown;
  ak?: string;
  sk?: string;
  now?: Date;
  /** Header overrides applied to the signed input (undefined removes X-Project-Id). */
  projectHeader?: string | null;
  /** Applied after signing, to simulate tampering or an unsigned request. */
  mutate?: (headers: Record<string, string>) => void;
  /** Body actually sent, when it should differ from the signed one. */
  sentBody?: string;
  /** Path actually requested, when it should differ from the signed one. */
  sentPath?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** Signs a request like the HSS SDK does and sends it to the sandbox over a real socket. */
export async function signedCall(sandbox: RunningSandbox, options: CallOptions): Promise<CallResult> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const body = options.body === undefined ? '' : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (body !== '') headers['Content-Type'] = 'application/json;charset=UTF-8';
  if (options.projectHeader !== null) headers['X-Project-Id'] = options.projectHeader ?? PROJECT_ID;
  const signed = signRequest(
    { method, url: sandbox.url + options.path, headers, body },
    { ak: new Secret(options.ak ?? AK), sk: new Secret(options.sk ?? SK) },
    options.now ?? new Date(),
  );
  const sentHeaders = { ...signed.headers };
  options.mutate?.(sentHeaders);
  const sent = options.sentBody ?? body;
  const res = await fetch(sandbox.url + (options.sentPath ?? options.path), {
    method,
    headers: sentHeaders,
    ...(sent !== '' && { body: sent }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Left empty: tests of non-JSON replies read `text`.
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A valid CreateAntiVirusPaidTask body, with overrides. */
export function taskBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { task_name: 'nightly web scan', scan_type: 'quick', action: 'manual', host_ids: ['host-web-1'], ...overrides };
}
